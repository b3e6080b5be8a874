using CalmDesk.Analysis.Training;

namespace CalmDesk.Learning;

public sealed class ModelComparisonTests
{
    // Two heads: a well-populated one (100 positives) and a small one (10).
    private static ModelScore Score(double bigF1, double smallF1) => new([Head("anger", 100, bigF1), Head("situation:refund", 10, smallF1)]);

    private static ModelScore Agreeing(int right, int wrong) => new([new ModelScore.Head("anger", right, 0, wrong, 0)]);

    private static ModelScore.Head Head(string name, int positives, double f1)
    {
        // F1 = 2tp / (2tp + fp + fn) with fn = positives - tp and no false positives: tp = f1·positives / (2 - f1).
        var tp = (int)Math.Round(f1 * positives / (2 - f1));
        return new ModelScore.Head(name, tp, 0, positives - tp, 500);
    }

    [Fact]
    public void Objections_SameScores_None() =>
        Assert.Empty(new ModelComparison(Score(0.8, 0.6), Score(0.8, 0.6), Agreeing(3, 1), Agreeing(3, 1)).Objections());

    [Fact]
    public void Objections_MeanF1DownBeyondTheTolerance_Objects()
    {
        var objections = new ModelComparison(Score(0.8, 0.6), Score(0.8, 0.5), Agreeing(3, 1), Agreeing(4, 0)).Objections();

        Assert.Contains(objections, o => o.Kind == "dev_mean" && o.Candidate < o.Active - ModelComparison.DevTolerance);
    }

    [Fact]
    public void Objections_OnePopulatedHeadDown_ObjectsEvenWhenTheMeanHolds()
    {
        var objections = new ModelComparison(Score(0.8, 0.4), Score(0.7, 0.5), Agreeing(3, 1), Agreeing(4, 0)).Objections();

        var objection = Assert.Single(objections);
        Assert.Equal(("dev_question", "anger"), (objection.Kind, objection.Question));
        Assert.Equal("dev split, anger: F1 0.701 against 0.802", objection.ToString());
    }

    [Fact]
    public void Objections_HeldOutCorrectionsWorse_Objects_AndNoneHeldOutIsNoObjection()
    {
        Assert.Contains(new ModelComparison(Score(0.8, 0.6), Score(0.8, 0.6), Agreeing(3, 1), Agreeing(2, 2)).Objections(), o => o.Kind == "held_out");
        Assert.Empty(new ModelComparison(Score(0.8, 0.6), Score(0.8, 0.6), new ModelScore([]), new ModelScore([])).Objections());
    }
}
