using System.Runtime.CompilerServices;
using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis;

/// <summary>Analyses customer messages: language, anger, abuse (and whether it targets the rep), threats
/// and situations, each with the evidence behind it. Thread-safe and deterministic; create once, share.</summary>
public sealed class MessageAnalyzer
{
    private readonly IReadOnlyDictionary<string, Lexicon> _lexicons;

    // The lexicons to apply for each detected language, chosen once rather than for every message.
    private readonly Dictionary<string, List<Lexicon>> _lexiconsByLanguage;

    // The learned heads (Learning/model.bin.gz), shared by every language.
    private readonly LearnedModel? _model;

    // The function words, lexicons and models in one index: a token is looked up once.
    private readonly Vocabulary _vocabulary;

    private static readonly AnalysisOptions Defaults = new();

    [ThreadStatic]
    private static Workspace? t_workspace;

    /// <summary>Loads the embedded lexicons and models. Prefer <see cref="Default"/>: loading takes a few milliseconds.</summary>
    public MessageAnalyzer()
        : this(LearnedModel.LoadEmbedded())
    {
    }

    private MessageAnalyzer(LearnedModel? model)
    {
        _lexicons = Lexicon.LoadAll();
        _lexiconsByLanguage = _lexicons.Keys.Append("und").ToDictionary(code => code, LexiconsFor, StringComparer.Ordinal);
        _model = model;
        _vocabulary = new Vocabulary(_lexicons.Values);
    }

    /// <summary>An analyzer with another model than the embedded one: a model file (gzip-compressed, as the training tool
    /// writes it) that an installation refitted on its reps' corrections.</summary>
    /// <param name="modelFile">The model file's bytes; read to the end, not disposed.</param>
    /// <returns>An analyzer that applies that model, with the embedded lexicons.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a model file, or its questions differ from this library's.</exception>
    public static MessageAnalyzer FromModel(Stream modelFile)
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        LearnedModel model;
        try
        {
            model = LearnedModel.Read(modelFile);
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException("Not a readable CalmDesk model file.", exception);
        }

        return model.Heads.SequenceEqual(HeadNames.All, StringComparer.Ordinal)
            ? new MessageAnalyzer(model)
            : throw new InvalidDataException("The model file answers other questions than this version of the analysis library asks.");
    }

    /// <summary>A shared instance with the embedded lexicons.</summary>
    public static MessageAnalyzer Default { get; } = new();

    /// <summary>Analyses one message. Never throws on content: empty, huge, HTML or emoji-only text
    /// gets an answer, with notes saying what was done.</summary>
    /// <param name="text">The message: plain text or HTML.</param>
    /// <param name="options">Language if known, HTML or not, length bound.</param>
    /// <returns>The verdicts and their evidence.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AnalysisResult Analyze(string? text, AnalysisOptions? options = null)
    {
        // Each thread reuses its own buffers, so a message allocates little more than its result.
        var (parts, language, scoring, notes) = Prepare(text, options, t_workspace ??= new Workspace());
        return scoring.Run(language, _model ?? throw new InvalidOperationException("The analysis library was built without its model (Learning/model.bin.gz)."), parts.SetAside, notes);
    }

    /// <summary>Every head's calibrated probability (in the order of <see cref="Learning.LearnedModel.Heads"/>), for the
    /// evaluation, which measures heads the result does not expose on their own (annoyed, each kind of abuse).</summary>
    internal (double[] Probabilities, string Language) HeadProbabilities(string text)
    {
        var model = _model ?? throw new InvalidOperationException("The analysis library was built without its model (Learning/model.bin.gz).");
        var (_, language, scoring, _) = Prepare(text);
        var languageIndex = LanguageDetector.IndexOf(language.Code);
        var p = new double[model.HeadCount];
        model.Probabilities(scoring, languageIndex, p, new float[Math.Max(1, scoring.Tokens.Count) * model.HeadCount]);

        return (p, language.Code);
    }

    /// <summary>The model the analyzer applies, for the evaluation and the tests.</summary>
    internal LearnedModel? Model => _model;

    /// <summary>The learned model's version: the first twelve hex digits of the SHA-256 of its file. Stored with every
    /// analysis, so a new model shows which stored analyses are stale. Empty when the library was built without it.</summary>
    public string ModelVersion => _model?.Version ?? "";

    /// <summary>Everything up to the model: the rule sums and the words, as the training tool sees them.
    /// The answer has buffers of its own, so it stays valid after further calls.</summary>
    internal (MessageParts Parts, LanguageGuess Language, Scoring Scoring, IReadOnlyList<string> Notes) Prepare(string? text, AnalysisOptions? options = null) =>
        Prepare(text, options, new Workspace());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (MessageParts Parts, LanguageGuess Language, Scoring Scoring, IReadOnlyList<string> Notes) Prepare(string? text, AnalysisOptions? options, Workspace workspace)
    {
        options ??= Defaults;
        var parts = MessageParts.Split(text, options);
        var tokens = workspace.Tokens;
        Tokenizer.Tokenize(parts.Text, parts, tokens, _vocabulary);
        var notes = parts.Notes;
        if (tokens.Count == 0)
        {
            notes = [.. notes, parts.Text.Length == 0 ? "empty" : "no_words"];
        }

        var given = options.Language is { Length: > 0 } code ? code.ToLowerInvariant() : null;
        var language = given is not null && _lexicons.ContainsKey(given)
            ? new LanguageGuess(given, 1)
            : LanguageDetector.Detect(parts.Text, tokens);
        workspace.Scoring.Evaluate(parts, tokens, _lexiconsByLanguage[language.Code], _vocabulary);
        return (parts, language, workspace.Scoring, notes);
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

    /// <summary>The per-thread buffers of an analysis: the words and the scorer.</summary>
    private sealed class Workspace
    {
        public TokenList Tokens { get; } = new();

        public Scoring Scoring { get; } = new();
    }
}
