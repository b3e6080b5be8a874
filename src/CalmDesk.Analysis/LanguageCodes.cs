namespace CalmDesk.Analysis;

/// <summary>The languages the analysis understands.</summary>
public static class LanguageCodes
{
    /// <summary>ISO 639-1 codes: English, Italian and Greek fully; Spanish, French, German and Portuguese in a first version.</summary>
    public static IReadOnlyList<string> Supported => LanguageDetector.Supported;
}
