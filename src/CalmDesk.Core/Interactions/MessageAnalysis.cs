using System.Text.Json;
using System.Text.Json.Serialization;
using CalmDesk.Analysis;

namespace CalmDesk.Interactions;

/// <summary>What the analysis said about an interaction, as stored with it: the verdicts in columns that can
/// be queried and sorted, and the evidence as JSON for the timeline's highlights.</summary>
internal sealed class MessageAnalysis
{
    /// Bumped whenever lexicons or scoring change, so `calmdesk analyze --reanalyze-all` knows what is stale.
    public const int CurrentVersion = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Language { get; set; } = "und";

    public double AngerScore { get; set; }

    public AngerLevel AngerLevel { get; set; }

    public double AbuseScore { get; set; }

    public bool AbuseTargeted { get; set; }

    /// Comma-separated, e.g. "insult,profanity".
    public string AbuseKinds { get; set; } = "";

    /// Comma-separated kinds, e.g. "legal,escalation".
    public string Threats { get; set; } = "";

    /// Comma-separated kinds, e.g. "wrong_delivery".
    public string Situations { get; set; } = "";

    /// The full result without the text (evidence spans, set-aside parts, scores of every finding).
    public string Details { get; set; } = "{}";

    public int Version { get; set; }

    /// The version of the learned model that read the message (a hash of its content): a new model makes the analysis stale.
    public string Model { get; set; } = "";

    public DateTimeOffset AnalyzedAt { get; set; }

    public static MessageAnalysis From(AnalysisResult result, string model, DateTimeOffset now) => new()
    {
        Language = result.Language.Code,
        AngerScore = result.Anger.Score,
        AngerLevel = result.Anger.Level,
        AbuseScore = result.Abuse.Score,
        AbuseTargeted = result.Abuse.Targeted,
        AbuseKinds = string.Join(',', result.Abuse.Kinds),
        Threats = string.Join(',', result.Threats.Select(t => t.Kind)),
        Situations = string.Join(',', result.Situations.Select(s => s.Kind)),
        Details = JsonSerializer.Serialize(AnalysisDocument.From(result), Json),
        Version = CurrentVersion,
        Model = model,
        AnalyzedAt = now,
    };

    public AnalysisDocument? ReadDetails() => JsonSerializer.Deserialize<AnalysisDocument>(Details, Json);
}
