using CalmDesk.Analysis;

namespace CalmDesk.Interactions;

/// <summary>The analysis as JSON, shared by the API, the CLI and the stored details:
/// {"language", "anger": {"score", "level"}, "abuse": {"score", "kinds", "targeted"}, "threats", "situations", "evidence"}.</summary>
internal sealed record AnalysisDocument(
    string Language,
    double LanguageConfidence,
    AnalysisDocument.AngerPart Anger,
    AnalysisDocument.AbusePart Abuse,
    IReadOnlyList<Finding> Threats,
    IReadOnlyList<Finding> Situations,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<AnalysisDocument.SetAsidePart> SetAside,
    IReadOnlyList<string> Notes)
{
    /// <summary>The analysed text, given back by the API and CLI (offsets refer to it); not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    internal sealed record AngerPart(double Score, AngerLevel Level);

    internal sealed record AbusePart(double Score, IReadOnlyList<string> Kinds, bool Targeted);

    internal sealed record SetAsidePart(SetAsideKind Kind, int Offset, int Length);

    public static AnalysisDocument From(AnalysisResult result) => new(
        result.Language.Code,
        result.Language.Confidence,
        new AngerPart(result.Anger.Score, result.Anger.Level),
        new AbusePart(result.Abuse.Score, result.Abuse.Kinds, result.Abuse.Targeted),
        result.Threats,
        result.Situations,
        result.Evidence,
        [.. result.SetAside.Select(p => new SetAsidePart(p.Kind, p.Span.Offset, p.Span.Length))],
        result.Notes);
}
