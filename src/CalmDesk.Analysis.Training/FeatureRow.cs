using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>A sample's features as the analysis sees them (<see cref="MessageFeatures.Collect"/>), plus, for public
/// data, a feature naming its source: it takes up the source's own base rate (subtitles are far angrier than
/// customer mail) during training, and is never present when the product scores a message.</summary>
internal sealed record FeatureRow(Sample Sample, int[] Indices, float[] Values, int LanguageIndex)
{
    /// <summary>Each sentence's features on its own (<see cref="MessageFeatures.CollectSentences"/>), for the in-domain
    /// samples only: the pooled heads' out-of-fold logits, which their calibration is fitted on, need them.</summary>
    public IReadOnlyList<(int[] Indices, float[] Values)> Sentences { get; init; } = [];

    public static List<FeatureRow> Extract(IReadOnlyList<Sample> samples)
    {
        var rows = new FeatureRow[samples.Count];
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => new SparseFeatures(), (i, _, features) =>
        {
            var sample = samples[i];
            var (_, language, scoring, _) = MessageAnalyzer.Default.Prepare(sample.Text);
            var languageIndex = LanguageDetector.IndexOf(language.Code);
            MessageFeatures.Collect(scoring, languageIndex, features);
            if (sample.Source is { } source)
            {
                features.Add(FeatureHash.Of(FeatureHash.Rule, "source:" + source), 1);
            }

            var (indices, values) = features.ToArrays();
            var sentences = new List<(int[] Indices, float[] Values)>();
            if (sample.Source is null)
            {
                MessageFeatures.CollectSentences(scoring, languageIndex, sentences);
            }

            rows[i] = new FeatureRow(sample, indices, values, languageIndex) { Sentences = sentences };
            return features;
        }, _ => { });
        return [.. rows];
    }

    /// <summary>The raw logit of weights and bias for the whole row, and its strongest sentence's on its own (0 without
    /// sentences): a pooled head's logit is the first plus its sentence weight times the second.</summary>
    public (double Whole, double Sentence) Logits(float[] weights, float bias) =>
        (bias + Dot(Indices, Values, weights), Sentences.Count > 0 ? Sentences.Max(sentence => Dot(sentence.Indices, sentence.Values, weights)) : 0);

    private static double Dot(int[] indices, float[] values, float[] weights)
    {
        double sum = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * values[i];
        }

        return sum;
    }
}
