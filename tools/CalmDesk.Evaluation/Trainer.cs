using System.Globalization;
using System.Text;
using CalmDesk.Analysis;

namespace CalmDesk.Evaluation;

/// <summary>Fits each language's model (Models/LANG.tsv) on the training split: a logistic regression over the rule
/// sums and the words, then a decision threshold folded into the bias so that 0.5 is the threshold. Deterministic:
/// the same data gives byte-identical files.</summary>
internal sealed class Trainer(string data, string eval)
{
    private const int MinDocuments = 8;
    private const double MinAngerWeight = 0.5, MinAbuseWeight = 0.5;
    private const double HandWrittenWeight = 10;

    // The threshold is searched in a middle band: at the extremes a skewed set rewards calling everything angry
    // (F1 of 0.44 on a set that is 28 % angry) or nothing.
    private const double MinThreshold = 0.3, MaxThreshold = 0.7;

    // The languages whose abuse data is only the hand-written messages take the English abuse calibration.
    private static readonly string[] AbuseDataLanguages = ["en", "de", "pt"];

    public void Run(string outputFolder)
    {
        var samples = Datasets.Load(data, eval, Split.Train).ToList();
        Console.WriteLine($"{samples.Count} training texts");
        var analyzer = new MessageAnalyzer();
        var english = default(Fit);
        foreach (var language in new[] { "en", "it", "el", "es", "fr", "de", "pt" })
        {
            var rows = samples.Where(s => s.Language == language).Select(s => Row.Of(analyzer, s)).ToList();
            var anger = FitVerdict(language, rows.Where(r => r.Sample.Angry is not null).ToList(), r => r.Sample.Angry!.Value, abuse: false);
            Fit abuse;
            if (AbuseDataLanguages.Contains(language))
            {
                abuse = FitVerdict(language, rows.Where(r => r.Sample.Abusive is not null).ToList(), r => r.Sample.Abusive!.Value, abuse: true);
            }
            else
            {
                abuse = english! with { Words = [], Source = $"calibration taken from en (no {language} abuse data besides the hand-written messages)" };
            }

            english ??= abuse;
            Write(Path.Combine(outputFolder, $"{language}.tsv"), language, anger, abuse);
        }
    }

    private Fit FitVerdict(string language, List<Row> rows, Func<Row, bool> truth, bool abuse)
    {
        // The vocabulary: content words in enough texts; for abuse, only words of the language's profanity lists,
        // so the model weighs known bad words by how they are used instead of learning topics.
        // For anger, only words a sentiment lexicon rates, so the model weighs
        // feelings rather than the topics of films and forums.
        var profanity = abuse ? ProfanityWords(language) : null;
        var sentiment = abuse ? null : SentimentWords(language);
        bool Allowed(string word, double weight) => abuse ? weight > 0
            : sentiment!.TryGetValue(word, out var polarity) && (weight > 0 ? (polarity & Negative) != 0 : (polarity & Positive) != 0);
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var word in row.Words(abuse))
            {
                documents[word] = documents.GetValueOrDefault(word) + 1;
            }
        }

        var vocabulary = documents.Where(d => d.Value >= MinDocuments && !LanguageDetector.IsFunctionWord(language, d.Key)
                && (profanity is null || (profanity.Contains(d.Key) && !IdentityWords.Contains(d.Key)))
                && (sentiment is null || sentiment.ContainsKey(d.Key)))
            .Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
        var model = Regression.Train(rows, truth, abuse, vocabulary);
        var minWeight = abuse ? MinAbuseWeight : MinAngerWeight;
        // Kept: words whose fitted weight is large and agrees with the lexicons (a negative word raises anger,
        // a positive one lowers it), so every word the model shows as evidence reads as a reason.
        var kept = vocabulary.Where(w => model.Words.TryGetValue(w, out var weight) && Math.Abs(weight) >= minWeight && Allowed(w, weight)).ToList();
        model = Regression.Train(rows, truth, abuse, kept);
        var words = model.Words.Where(w => Math.Abs(w.Value) >= minWeight / 2 && Allowed(w.Key, w.Value)).ToDictionary();

        // The shipped bias is the customer messages' intercept (the product reads customer mail), or the largest
        // set's where a language has no hand-written messages yet. The threshold is the one that maximises F1 on that
        // set, within a middle band, and is folded into the bias so that 0.5 is the threshold.
        var sets = string.Join(", ", rows.GroupBy(r => r.Sample.Dataset).Select(g => $"{g.Key} {g.Count()}"));
        if (!abuse && !rows.Any(r => r.Sample.Dataset == Datasets.HandWrittenName))
        {
            // No customer messages in this language yet: a subtitle set's base rate would make every neutral
            // message half angry, so the hand-set bias stays and only the words are learned.
            Console.WriteLine($"{language} anger: {words.Count} words, hand-set bias ({sets})");
            return new Fit(-Model.DefaultAngerMidpoint * Model.DefaultAngerSlope, model.Rules, 0, words,
                $"words fitted on {sets}; hand-set bias (no customer messages in this language yet)");
        }

        var home = abuse ? Regression.Shared : Datasets.HandWrittenName;
        var homeRows = rows.Where(r => abuse || r.Sample.Dataset == home).ToList();
        var best = (Threshold: 0.5, F1: Objective(0.5));
        for (var t = MinThreshold; t < MaxThreshold + 0.001; t += 0.01)
        {
            var f1 = Objective(t);
            if (f1 > best.F1 + 1e-9)
            {
                best = (Math.Round(t, 2), f1);
            }
        }

        // For abuse (one shared intercept) customer messages count for half and the public sets share the rest.
        double Objective(double t)
        {
            var scored = homeRows.GroupBy(r => r.Sample.Dataset)
                .Select(g => (Customer: g.Key == Datasets.HandWrittenName, F1: F1(g, truth, r => Regression.Predict(model, words, r, abuse) >= t))).ToList();
            var others = scored.Where(x => !x.Customer).Select(x => x.F1).DefaultIfEmpty().Average();
            return scored.Any(x => x.Customer) && scored.Any(x => !x.Customer) ? (0.5 * scored.First(x => x.Customer).F1) + (0.5 * others) : scored.Average(x => x.F1);
        }

        Console.WriteLine($"{language} {(abuse ? "abuse" : "anger")}: {words.Count} words, bias from {home}, threshold {best.Threshold:0.00}, train F1 there {best.F1:0.000} ({sets})");
        return new Fit(model.Intercepts[home] - Math.Log(best.Threshold / (1 - best.Threshold)), model.Rules, model.Unaimed, words,
            $"fitted on {sets}; bias of {home}, threshold {best.Threshold:0.00} (training F1 there {best.F1:0.000})");
    }

    private static double F1(IEnumerable<Row> rows, Func<Row, bool> truth, Func<Row, bool> predict)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var row in rows)
        {
            var (t, p) = (truth(row), predict(row));
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }

        return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }

    // Words that name who people are: lists of slurs contain them, but by themselves they are never abuse.
    private static readonly HashSet<string> IdentityWords = new(StringComparer.Ordinal)
    {
        "jew", "jews", "jewish", "muslim", "muslims", "islam", "arab", "arabs", "gay", "gays", "lesbian", "lesbians", "black", "blacks",
        "white", "whites", "asian", "asians", "african", "mexican", "mexicans", "christian", "christians", "trans", "woman", "women",
        "girl", "girls", "boy", "boys", "immigrant", "immigrants", "chinese", "indian", "catholic", "mexico", "africa", "corey",
    };

    private const int Negative = 1, Positive = 2;

    /// <summary>The folded words the sentiment lexicons rate, with their polarity (exact words: a prefix would let
    /// "dove", where, in through "dovere", duty): AFINN (en), VADER (en), the Greek
    /// sentiment lexicon (el), the profanity lists and the project's own lexicon.</summary>
    private Dictionary<string, int> SentimentWords(string language)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string word, int polarity)
        {
            var trimmed = word.Trim().TrimEnd('-');
            if (trimmed.Length >= 3 && !trimmed.Contains(' ', StringComparison.Ordinal))
            {
                var folded = Tokenizer.Fold(trimmed);
                words[folded] = words.GetValueOrDefault(folded) | polarity;
            }
        }

        // AFINN's other languages are machine translations of the English list, too noisy to pick words by
        // ("dove" for the bird is not "where"); they are left out.
        var afinn = Path.Combine(data, "afinn_multilang", $"AFINN-{language}.json");
        if (language == "en" && File.Exists(afinn))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(afinn));
            foreach (var property in json.RootElement.EnumerateObject())
            {
                var valence = property.Value.GetDouble();
                if (Math.Abs(valence) >= 2)
                {
                    Add(property.Name, valence < 0 ? Negative : Positive);
                }
            }
        }

        if (language == "en")
        {
            foreach (var line in File.ReadLines(Path.Combine(data, "vader", "vader_lexicon.txt")))
            {
                var f = line.Split('\t');
                if (f.Length > 1 && double.TryParse(f[1], CultureInfo.InvariantCulture, out var valence) && Math.Abs(valence) >= 1)
                {
                    Add(f[0], valence < 0 ? Negative : Positive);
                }
            }
        }

        if (language == "el")
        {
            foreach (var line in File.ReadLines(Path.Combine(data, "greek_sentiment_lexicon", "greek_sentiment_lexicon.tsv")).Skip(1))
            {
                var f = line.Split('\t');
                if (f.Length > 16)
                {
                    var negative = f[9..13].Count(p => p == "NEG") + f[13..17].Count(a => int.TryParse(a, out var anger) && anger >= 4);
                    var positive = f[9..13].Count(p => p == "POS");
                    var polarity = (negative >= 2 ? Negative : 0) | (positive >= 2 ? Positive : 0);
                    Add(f[0], polarity);
                    // Adjectives are listed in the masculine (-ος): add the other genders, numbers and the vocative.
                    var term = Tokenizer.Fold(f[0].Trim());
                    if (term.EndsWith("οσ", StringComparison.Ordinal))
                    {
                        foreach (var ending in new[] { "η", "ο", "οι", "εσ", "α", "ου", "ε", "ων", "ουσ" })
                        {
                            Add(term[..^2] + ending, polarity);
                        }
                    }
                }
            }
        }

        foreach (var word in ProfanityWords(language))
        {
            Add(word, Negative);
        }

        // The project's own lexicon, read by the library's parser: its words folded and split as the tokenizer does.
        foreach (var entry in Lexicons.Value[language].Entries.Where(e => e.Label is "anger" or "calm" || e.AbuseKind.Length > 0))
        {
            foreach (var word in entry.Words)
            {
                Add(word.TrimEnd('*'), entry.Label == "calm" ? Positive : Negative);
            }
        }

        return words;
    }

    private static readonly Lazy<IReadOnlyDictionary<string, Lexicon>> Lexicons = new(Lexicon.LoadAll);

    private readonly Dictionary<string, HashSet<string>> _profanity = new(StringComparer.Ordinal);

    /// <summary>The single words of a language's LDNOOBW lists, folded; read once per language (both verdicts use them).</summary>
    private HashSet<string> ProfanityWords(string language)
    {
        if (_profanity.TryGetValue(language, out var cached))
        {
            return cached;
        }

        var words = _profanity[language] = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "ldnoobw", "ldnoobw_v2" })
        {
            var path = Path.Combine(data, folder, $"{language}.txt");
            if (File.Exists(path))
            {
                words.UnionWith(File.ReadLines(path).Where(w => w.Length > 0 && !w.Contains(' ', StringComparison.Ordinal)).Select(w => Tokenizer.Fold(w.Trim())));
            }
        }

        return words;
    }

    private static void Write(string path, string language, Fit anger, Fit abuse)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# CalmDesk model for '{language}', written by eval/train.sh (tools/CalmDesk.Evaluation train). Do not edit by hand: rebuild it.");
        text.AppendLine(CultureInfo.InvariantCulture, $"# anger: {anger.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"# abuse: {abuse.Source}");
        Line("anger", "bias", anger.Bias);
        Line("anger", "rules", anger.Rules);
        Line("abuse", "bias", abuse.Bias);
        Line("abuse", "aimed", abuse.Rules);
        Line("abuse", "unaimed", abuse.Unaimed);
        foreach (var (verdict, words) in new[] { ("anger", anger.Words), ("abuse", abuse.Words) })
        {
            foreach (var (word, weight) in words.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{verdict}\tword\t{word}\t{weight:0.###}");
            }
        }

        File.WriteAllText(path, text.ToString());

        void Line(string verdict, string name, double value) => text.AppendLine(CultureInfo.InvariantCulture, $"{verdict}\t{name}\t{value:0.###}");
    }

    /// <summary>A fitted verdict: bias (threshold included), rule coefficients and word weights.</summary>
    internal sealed record Fit(double Bias, double Rules, double Unaimed, Dictionary<string, double> Words, string Source);

    /// <summary>One training text as the model sees it.</summary>
    internal sealed record Row(Sample Sample, double AngerRules, double AbuseAimed, double AbuseUnaimed, WordFeature[] Features)
    {
        public static Row Of(MessageAnalyzer analyzer, Sample sample)
        {
            var (_, _, scoring, _) = analyzer.Prepare(sample.Text, new AnalysisOptions(sample.Language));
            return new Row(sample, scoring.AngerRules, scoring.AbuseAimed, scoring.AbuseUnaimed, [.. scoring.Words()]);
        }

        public double Weight => Sample.Dataset == Datasets.HandWrittenName ? HandWrittenWeight : 1;

        /// <summary>The words that count: for anger those no negator reaches; for abuse those not about the writer's side.</summary>
        public IEnumerable<string> Words(bool abuse) =>
            Features.Where(f => abuse ? f.Aim != Aim.Self : !f.Negated).Select(f => f.Word);
    }
}
