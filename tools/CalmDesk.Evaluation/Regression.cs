using CalmDesk.Analysis;

namespace CalmDesk.Evaluation;

/// <summary>L2-regularised logistic regression fitted by AdaGrad over the rule sums and binary word features, with
/// one intercept per dataset for anger: subtitles are 28 % angry and customer mail far less, so each set's base rate stays in its
/// own intercept instead of leaking into the word weights. Texts are visited in a fixed pseudo-random order (fixed
/// seed), so a fit is reproducible.</summary>
internal static class Regression
{
    private const int Epochs = 12;
    private const double LearningRate = 0.2, L2 = 2e-4;

    internal sealed record Parameters(Dictionary<string, double> Intercepts, double Rules, double Unaimed, Dictionary<string, double> Words);

    public static Parameters Train(List<Trainer.Row> rows, Func<Trainer.Row, bool> truth, bool abuse, List<string> vocabulary)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in vocabulary)
        {
            index[word] = index.Count;
        }

        var datasets = rows.Select(r => InterceptOf(r, abuse)).Distinct().Order(StringComparer.Ordinal).ToList();
        // Parameters: 0 rules (anger) or aimed (abuse), 1 unaimed (abuse), the words, then one intercept per dataset.
        var first = 2 + index.Count;
        var w = new double[first + datasets.Count];
        var g2 = new double[w.Length];
        // Anger's rule weights were set by hand for customer mail: their scale is kept (the hand-set slope), and the
        // fit learns the intercepts and the words around them, so forum and film data cannot flatten the rules.
        w[0] = abuse ? 0 : Model.DefaultAngerSlope;
        var features = rows.Select(r => r.Words(abuse).Where(index.ContainsKey).Select(word => 2 + index[word]).ToArray()).ToArray();
        var intercepts = rows.Select(r => first + datasets.IndexOf(InterceptOf(r, abuse))).ToArray();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(20261123);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var row = rows[i];
                var (x1, x2) = abuse ? (row.AbuseAimed, row.AbuseUnaimed) : (row.AngerRules, 0);
                var z = w[intercepts[i]] + (w[0] * x1) + (w[1] * x2);
                foreach (var f in features[i])
                {
                    z += w[f];
                }

                var error = (Sigmoid(z) - (truth(row) ? 1 : 0)) * row.Weight;
                Step(intercepts[i], error, regularise: false);
                if (abuse)
                {
                    Step(0, error * x1, regularise: false);
                    Step(1, error * x2, regularise: false);
                }

                foreach (var f in features[i])
                {
                    Step(f, error, regularise: true);
                }
            }

            // The rules only ever add evidence: their coefficients stay positive.
            w[0] = Math.Max(0, w[0]);
            w[1] = Math.Max(0, w[1]);
        }

        return new Parameters(
            datasets.ToDictionary(d => d, d => w[first + datasets.IndexOf(d)], StringComparer.Ordinal),
            w[0],
            w[1],
            index.ToDictionary(p => p.Key, p => w[2 + p.Value], StringComparer.Ordinal));

        void Step(int j, double gradient, bool regularise)
        {
            gradient += regularise ? L2 * w[j] * rows.Count / 100.0 : 0;
            g2[j] += gradient * gradient;
            if (g2[j] > 0)
            {
                w[j] -= LearningRate * gradient / Math.Sqrt(g2[j]);
            }
        }
    }

    /// <summary>The probability the fitted parameters give a text, with its dataset's intercept and only the kept words.</summary>
    public static double Predict(Parameters p, Dictionary<string, double> words, Trainer.Row row, bool abuse)
    {
        var z = p.Intercepts[InterceptOf(row, abuse)] + (abuse ? (p.Rules * row.AbuseAimed) + (p.Unaimed * row.AbuseUnaimed) : p.Rules * row.AngerRules);
        foreach (var word in row.Words(abuse))
        {
            z += words.GetValueOrDefault(word);
        }

        return Sigmoid(z);
    }

    /// <summary>Anger has one intercept per dataset (what counts as anger differs between films, forums and mail);
    /// abuse shares one, as abusive words are abusive wherever they are written.</summary>
    public static string InterceptOf(Trainer.Row row, bool abuse) => abuse ? Shared : row.Sample.Dataset;

    public const string Shared = "all";

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
