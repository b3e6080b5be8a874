namespace CalmDesk.Analysis;

/// <summary>Analyses customer messages: language, anger, abuse (and whether it targets the rep), threats
/// and situations, each with the evidence behind it. Thread-safe and deterministic; create once, share.</summary>
public sealed class MessageAnalyzer
{
    private readonly IReadOnlyDictionary<string, Lexicon> _lexicons;

    // The lexicons to apply for each detected language, chosen once rather than for every message.
    private readonly Dictionary<string, List<Lexicon>> _lexiconsByLanguage;

    /// <summary>Loads the embedded lexicons. Prefer <see cref="Default"/>: loading takes a few milliseconds.</summary>
    public MessageAnalyzer()
    {
        _lexicons = Lexicon.LoadAll();
        _lexiconsByLanguage = _lexicons.Keys.Append("und").ToDictionary(code => code, LexiconsFor, StringComparer.Ordinal);
    }

    /// <summary>A shared instance with the embedded lexicons.</summary>
    public static MessageAnalyzer Default { get; } = new();

    /// <summary>Analyses one message. Never throws on content: empty, huge, HTML or emoji-only text
    /// gets an answer, with notes saying what was done.</summary>
    /// <param name="text">The message: plain text or HTML.</param>
    /// <param name="options">Language if known, HTML or not, length bound.</param>
    /// <returns>The verdicts and their evidence.</returns>
    public AnalysisResult Analyze(string? text, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var parts = MessageParts.Split(text, options);
        var tokens = Tokenizer.Tokenize(parts.Text, parts);
        var notes = new List<string>(parts.Notes);
        if (tokens.Count == 0)
        {
            notes.Add(parts.Text.Length == 0 ? "empty" : "no_words");
        }

        var detected = LanguageDetector.Detect(parts.Text, tokens);
        var language = options.Language is { Length: > 0 } given && _lexicons.ContainsKey(given.ToLowerInvariant())
            ? new LanguageGuess(given.ToLowerInvariant(), 1)
            : detected;
        var scoring = new Scoring(parts, tokens, _lexiconsByLanguage[language.Code]);
        return scoring.Run(language, parts.SetAside, notes);
    }

    private List<Lexicon> LexiconsFor(string code)
    {
        // English phrases turn up in every language's business mail; unknown language: try them all.
        if (code == "und")
        {
            return [.. _lexicons.Values];
        }

        return code == "en" ? [_lexicons["en"]] : [_lexicons[code], _lexicons["en"]];
    }
}
