namespace CalmDesk.Analysis;

/// <summary>How to read a message.</summary>
/// <param name="Language">ISO 639-1 code when the language is known (for example a contact's); detected otherwise.</param>
/// <param name="Html">True when the text is HTML; null to detect it.</param>
/// <param name="MaxLength">Characters analysed at most; the rest is set aside and reported. Keeps time bounded.</param>
public sealed record AnalysisOptions(string? Language = null, bool? Html = null, int MaxLength = AnalysisOptions.DefaultMaxLength)
{
    /// <summary>The default bound: longer than any real customer message, short enough to stay fast.</summary>
    public const int DefaultMaxLength = 20_000;
}
