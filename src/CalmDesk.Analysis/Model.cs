using System.Globalization;

namespace CalmDesk.Analysis;

/// <summary>The learned part of a language's analysis (Models/LANG.tsv, written by tools/CalmDesk.Training):
/// how the rule sums are calibrated into scores, and the words whose weights were fitted on labelled data.</summary>
/// <remarks>Score = logistic(bias + coefficient × rule sum + the weights of the model words present). The bias
/// also carries the decision threshold chosen on the training data, so that 0.5 is the threshold.</remarks>
internal sealed class Model
{
    private Model(string language)
    {
        Language = language;
        Index = LanguageDetector.IndexOf(language);
    }

    public string Language { get; }

    public double AngerBias { get; private set; } = -DefaultAngerMidpoint * DefaultAngerSlope;

    public double AngerRules { get; private set; } = DefaultAngerSlope;

    public double AbuseBias { get; private set; } = -DefaultAbuseMidpoint * DefaultAbuseSlope;

    public double AbuseAimed { get; private set; } = DefaultAbuseSlope;

    public double AbuseUnaimed { get; private set; } = DefaultAbuseSlope * 0.6;

    /// <summary>Folded word → its fitted contribution to the anger logit (negative for calming words).</summary>
    public Dictionary<string, double> AngerWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Folded word → its fitted contribution to the abuse logit (positive only).</summary>
    public Dictionary<string, double> AbuseWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the model weighs any word at all.</summary>
    public bool HasWords => _words.Count > 0;

    // Both weights of each model word and its evidence rules, built once.
    private Dictionary<string, ModelWord> _words = new(StringComparer.Ordinal);

    /// <summary>Every word the model weighs, with its weights and evidence rules (indexed by the <see cref="Vocabulary"/>).</summary>
    public IEnumerable<ModelWord> Words => _words.Values;

    /// <summary>The language's position in <see cref="LanguageDetector.Supported"/>.</summary>
    public int Index { get; }

    /// <summary>Where the calibration came from: the embedded file's name, or "defaults".</summary>
    public string Source { get; private set; } = "defaults";

    // The hand-set calibration used for a language that has no model file yet.
    public const double DefaultAngerMidpoint = 1.2, DefaultAngerSlope = 1.8;
    public const double DefaultAbuseMidpoint = 1.3, DefaultAbuseSlope = 2.2;

    public static Model Defaults(string language) => new(language);

    /// <summary>Loads the embedded model of a language, or the defaults when there is none.</summary>
    public static Model Load(string language)
    {
        using var stream = typeof(Model).Assembly.GetManifestResourceStream($"CalmDesk.Analysis.Models.{language}.tsv");
        if (stream is null)
        {
            return Defaults(language);
        }

        using var reader = new StreamReader(stream);
        var model = Parse(language, reader);
        model.Source = $"Models/{language}.tsv";
        return model;
    }

    /// <summary>Reads "verdict TAB parameter TAB value" and "verdict TAB word TAB folded-word TAB weight" lines.
    /// A malformed line names its number.</summary>
    public static Model Parse(string language, TextReader reader)
    {
        var model = new Model(language);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            var ok = f.Length switch
            {
                3 => model.SetParameter(f[0], f[1], f[2]),
                4 when f[1] == "word" => model.SetWord(f[0], f[2], f[3]),
                _ => false,
            };
            if (!ok)
            {
                throw new FormatException($"Model {language}, line {number}: expected 'verdict<TAB>parameter<TAB>value' or 'verdict<TAB>word<TAB>word<TAB>weight', found '{line}'.");
            }
        }

        model.IndexWords();
        return model;
    }

    private void IndexWords()
    {
        var words = new Dictionary<string, ModelWord>(StringComparer.Ordinal);
        foreach (var word in AngerWords.Keys.Union(AbuseWords.Keys))
        {
            var rule = $"model:{Language}:{word}";
            words[word] = new ModelWord(word, AngerWords.TryGetValue(word, out var anger) ? anger : null, AbuseWords.TryGetValue(word, out var abuse) ? abuse : null, rule, rule + " (aimed at the reader)");
        }

        _words = words;
    }

    private bool SetParameter(string verdict, string name, string text)
    {
        if (!TryNumber(text, out var value))
        {
            return false;
        }

        switch ((verdict, name))
        {
            case ("anger", "bias"):
                AngerBias = value;
                return true;
            case ("anger", "rules"):
                AngerRules = value;
                return true;
            case ("abuse", "bias"):
                AbuseBias = value;
                return true;
            case ("abuse", "aimed"):
                AbuseAimed = value;
                return true;
            case ("abuse", "unaimed"):
                AbuseUnaimed = value;
                return true;
            default:
                return false;
        }
    }

    private bool SetWord(string verdict, string word, string text)
    {
        if (word.Length == 0 || !TryNumber(text, out var value))
        {
            return false;
        }

        var folded = Tokenizer.Fold(word);
        switch (verdict)
        {
            case "anger":
                AngerWords[folded] = value;
                return true;
            case "abuse" when value > 0:
                AbuseWords[folded] = value;
                return true;
            default:
                return false;
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <summary>A word the model weighs: its contributions to the anger and abuse logits (null when it weighs the word
/// for one verdict only) and the evidence rules, built once.</summary>
internal sealed record ModelWord(string Word, double? Anger, double? Abuse, string Rule, string AimedRule);
