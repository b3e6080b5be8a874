using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>A sample's features as the analysis sees them (<see cref="MessageFeatures.Collect"/>), plus, for public
/// data, a feature naming its source: it takes up the source's own base rate (subtitles are far angrier than
/// customer mail) during training, and is never present when the product scores a message.</summary>
internal sealed record FeatureRow(Sample Sample, int[] Indices, float[] Values, int LanguageIndex)
{
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
            rows[i] = new FeatureRow(sample, indices, values, languageIndex);
            return features;
        }, _ => { });
        return [.. rows];
    }

    /// <summary>The raw logit of weights and bias for this row.</summary>
    public double Logit(float[] weights, float bias)
    {
        double sum = bias;
        for (var i = 0; i < Indices.Length; i++)
        {
            sum += weights[Indices[i]] * Values[i];
        }

        return sum;
    }
}
