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

    /// The truth follows the whole message's logit plus half the sentence's (with noise): the weight fitted is near 0.5,
    /// not the 1 a pooled head used to add, nor 0.
    [Fact]
    public void SentenceWeight_TheTruthLeansOnHalfTheSentence_FitsAboutHalf()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 6000).Select(_ =>
        {
            var (whole, sentence) = ((random.NextDouble() * 8) - 4, (random.NextDouble() * 8) - 4);
            var p = 1 / (1 + Math.Exp(-(whole + (0.5 * sentence))));
            return (whole, sentence, random.NextDouble() < p, 1.0);
        }).ToList();

        Assert.InRange(ModelTrainer.SentenceWeight(points), 0.3f, 0.7f);
    }

    /// A sentence's logit that says nothing about the truth (noise) gets no weight: the head reads the message whole.
    [Fact]
    public void SentenceWeight_ASentenceThatSaysNothing_IsZero()
    {
        var random = new Random(6);
        var points = Enumerable.Range(0, 6000).Select(_ =>
        {
            var (whole, sentence) = ((random.NextDouble() * 8) - 4, (random.NextDouble() * 8) - 4);
            return (whole, sentence, random.NextDouble() < 1 / (1 + Math.Exp(-whole)), 1.0);
        }).ToList();

        Assert.Equal(0f, ModelTrainer.SentenceWeight(points));
    }

    [Fact]
    public void BestThreshold_ARareLabelMostlyScoredBelowHalf_IsWhereItsF1Peaks()
    {
        // Ten positives at 0.35 among two negatives there and fifty at 0.1: every threshold from 0.21 to 0.35 finds
        // them all (F1 0.91), 0.5 finds none; of the equals, the one nearest 0.5.
        var points = Enumerable.Repeat((0.35, true, 1.0), 10).Concat(Enumerable.Repeat((0.35, false, 1.0), 2)).Concat(Enumerable.Repeat((0.1, false, 1.0), 50)).ToList();

        Assert.Equal(0.35f, ModelTrainer.BestThreshold(points));
    }

    [Fact]
    public void BestThreshold_CountsEachSampleAtItsWeight()
    {
        // Three positives at 0.305 among three negatives there; seven positives at 0.605. Counted once each, any threshold
        // up to 0.30 catches all ten (F1 0.87) and beats those above (0.82), and 0.30 is the nearest 0.5. With the
        // negatives at 0.305 weighing three times as much, the low thresholds fall to 0.69, and of the ones from 0.31 to
        // 0.60 (0.82 each) 0.5 itself is the nearest.
        (double, bool, double)[] Points(double weight) =>
            [.. Enumerable.Repeat((0.305, true, 1.0), 3), .. Enumerable.Repeat((0.305, false, weight), 3), .. Enumerable.Repeat((0.605, true, 1.0), 7)];

        Assert.Equal(0.3f, ModelTrainer.BestThreshold(Points(1)));
        Assert.Equal(0.5f, ModelTrainer.BestThreshold(Points(3)));
    }

    [Fact]
    public void BestThreshold_NothingWorthSayingWithinTheBounds_StaysAtHalf()
    {
        // The positives sit at 0.1, below the lowest threshold allowed (0.2): no threshold in bounds finds one.
        var points = Enumerable.Repeat((0.1, true, 1.0), 10).Concat(Enumerable.Repeat((0.05, false, 1.0), 50)).ToList();

        Assert.Equal(0.5f, ModelTrainer.BestThreshold(points));
    }

    [Theory]
    [InlineData("it-u-0001", "it-u")]
    [InlineData("el-s-0412", "el-s")]
    [InlineData("correction:17", "correction:17")]
    [InlineData("it-u-", "it-u-")]
    [InlineData("it-u-00a1", "it-u-00a1")]
    public void FoldGroup_ACorpusMessageGoesWithItsBatch_AnythingElseAlone(string id, string group) =>
        Assert.Equal(group, ModelTrainer.FoldGroup(new Sample("corpus", "it", "testo", new bool?[1]) { Id = id }));
}
