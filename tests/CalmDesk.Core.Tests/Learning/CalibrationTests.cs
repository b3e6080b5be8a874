using CalmDesk.Analysis.Training;

namespace CalmDesk.Learning;

/// The calibration and the threshold the training fits for each head, on made-up scores whose answer is known.
public sealed class CalibrationTests
{
    /// Logits spread over ±25 (a pooled head's reach) where the truth follows the logit with noise around 5: the curve
    /// must land near p = 0.5 at 5, not run off to a slope that makes every probability 0 or 1.
    [Fact]
    public void PlattFit_LargeLogits_ConvergesToTheCurveTheyFollow()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 4000).Select(_ =>
        {
            var logit = (random.NextDouble() * 50) - 25;
            var noise = (random.NextDouble() - 0.5) * 12;
            return (Logit: logit, Truth: logit + noise > 5, Weight: 1.0);
        }).ToList();

        var (slope, offset) = Platt.Fit(points);

        Assert.InRange(slope, 0.1, 2);
        Assert.InRange(1 / (1 + Math.Exp(-((slope * 5) + offset))), 0.4, 0.6);
        Assert.True(1 / (1 + Math.Exp(-((slope * 15) + offset))) > 0.95);
    }

    [Fact]
    public void BestThreshold_ARareLabelMostlyScoredBelowHalf_IsWhereItsF1Peaks()
    {
        // Ten positives at 0.35 among two negatives there and fifty at 0.1: every threshold from 0.21 to 0.35 finds
        // them all (F1 0.91), 0.5 finds none; of the equals, the one nearest 0.5.
        var points = Enumerable.Repeat((0.35, true), 10).Concat(Enumerable.Repeat((0.35, false), 2)).Concat(Enumerable.Repeat((0.1, false), 50)).ToList();

        Assert.Equal(0.35f, ModelTrainer.BestThreshold(points));
    }

    [Fact]
    public void BestThreshold_NothingWorthSayingWithinTheBounds_StaysAtHalf()
    {
        // The positives sit at 0.1, below the lowest threshold allowed (0.2): no threshold in bounds finds one.
        var points = Enumerable.Repeat((0.1, true), 10).Concat(Enumerable.Repeat((0.05, false), 50)).ToList();

        Assert.Equal(0.5f, ModelTrainer.BestThreshold(points));
    }
}
