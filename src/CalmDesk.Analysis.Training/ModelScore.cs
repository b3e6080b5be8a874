using System.Globalization;
using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>How well one model answers labelled samples, per head, at the head's threshold (<see cref="LearnedModel.Threshold"/>):
/// true and false positives and negatives, only for the heads a sample is labelled for.</summary>
internal sealed record ModelScore(IReadOnlyList<ModelScore.Head> Heads)
{
    /// <summary>Heads with fewer positives than this are left out of the macro average: one message would swing it.</summary>
    public const int MinPositives = 5;

    public sealed record Head(string Name, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public int Positives => TruePositives + FalseNegatives;

        public int Labelled => Positives + FalsePositives + TrueNegatives;

        public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / ((2 * TruePositives) + FalsePositives + FalseNegatives);
    }

    /// <summary>The mean F1 over heads with at least <see cref="MinPositives"/> positives.</summary>
    public double MacroF1 => Heads.Where(h => h.Positives >= MinPositives).Select(h => h.F1).DefaultIfEmpty(0).Average();

    /// <summary>The share of labelled (sample, head) answers the model gets right: for a handful of corrections, where
    /// most heads have no positive at all.</summary>
    public double Agreement => Heads.Sum(h => h.Labelled) is var n and > 0 ? (double)Heads.Sum(h => h.TruePositives + h.TrueNegatives) / n : 1;

    public int Labelled => Heads.Sum(h => h.Labelled);

    public static ModelScore Of(MessageAnalyzer analyzer, IReadOnlyList<Sample> samples)
    {
        var heads = HeadNames.All;
        var counts = new int[heads.Length, 4];
        var probabilities = new double[samples.Count][];
        var model = analyzer.Model ?? throw new InvalidOperationException("The analyzer has no model.");
        var thresholds = heads.Select(head => model.Threshold(model.IndexOf(head))).ToArray();
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => probabilities[i] = analyzer.HeadProbabilities(samples[i].Text).Probabilities);
        for (var i = 0; i < samples.Count; i++)
        {
            for (var h = 0; h < heads.Length; h++)
            {
                if (samples[i].Labels[h] is { } truth)
                {
                    var predicted = probabilities[i][h] >= thresholds[h];
                    counts[h, (truth, predicted) switch { (true, true) => 0, (false, true) => 1, (true, false) => 2, _ => 3 }]++;
                }
            }
        }

        return new ModelScore([.. heads.Select((name, h) => new Head(name, counts[h, 0], counts[h, 1], counts[h, 2], counts[h, 3]))]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"macro F1 {MacroF1:0.000}, agreement {Agreement:0.000} on {Labelled} answers");
}
