using System.Text.Json;

namespace CalmDesk.Analysis;

/// <summary>The shipped model, read on the corpus's dev split (eval/corpus, "split":"dev"): messages the training never
/// saw and that no feature or weight was chosen on. These floors guard against a model that got worse; they sit a
/// little under what the model measured when it was shipped (docs/analysis-quality.md has the full report, with
/// confidence intervals, and the goals the model has not reached yet).</summary>
public sealed class DevSplitTests
{
    private static readonly Lazy<IReadOnlyList<(DevMessage Message, AnalysisResult Result)>> Dev = new(Load);

    [Theory]
    [InlineData("en", 0.80)]
    [InlineData("it", 0.80)]
    [InlineData("el", 0.80)]
    public void Anger_OnTheDevSplit_KeepsItsF1(string language, double floor) =>
        AssertF1(language, "anger", floor, m => m.Anger >= 2, r => r.Anger.Score >= 0.5);

    [Theory]
    [InlineData("en", 0.75)]
    [InlineData("it", 0.75)]
    [InlineData("el", 0.75)]
    public void Abuse_OnTheDevSplit_KeepsItsF1(string language, double floor) =>
        AssertF1(language, "abuse", floor, m => m.Abuse is not null, r => r.Abuse.Score >= 0.5);

    [Theory]
    [InlineData("legal", 0.70)]
    [InlineData("churn", 0.45)]
    [InlineData("public", 0.55)]
    [InlineData("escalation", 0.55)]
    public void Threat_OnTheDevSplitOfAllLanguages_KeepsItsF1(string kind, double floor) =>
        AssertF1(null, "threat:" + kind, floor, m => m.Threats.Contains(kind), r => r.Threats.Any(t => t.Kind == kind));

    [Theory]
    [InlineData("en", 0.45)]
    [InlineData("it", 0.45)]
    [InlineData("el", 0.45)]
    public void Situations_OnTheDevSplit_KeepTheirMacroF1(string language, double floor)
    {
        var kinds = Dev.Value.SelectMany(d => d.Message.Situations).Distinct().ToList();
        Assert.Equal(12, kinds.Count);
        var macro = kinds.Average(kind => F1(language, m => m.Situations.Contains(kind), r => r.Situations.Any(s => s.Kind == kind)).F1);
        Assert.True(macro >= floor, $"situations macro-F1 {macro:0.000} in {language}, floor {floor}");
    }

    [Fact]
    public void Scores_OnTheDevSplit_AreCalibrated()
    {
        // Expected calibration error of the anger score over ten bins: a score of 0.7 should be right about 70% of the time.
        var points = Dev.Value.Select(d => (Score: d.Result.Anger.Score, Truth: d.Message.Anger >= 2)).ToList();
        var error = points.GroupBy(p => Math.Min(9, (int)(p.Score * 10)))
            .Sum(bin => bin.Count() * Math.Abs(bin.Average(p => p.Score) - bin.Average(p => p.Truth ? 1.0 : 0.0))) / points.Count;
        Assert.True(error < 0.08, $"anger ECE {error:0.000}");
    }

    private static void AssertF1(string? language, string head, double floor, Func<DevMessage, bool> truth, Func<AnalysisResult, bool> verdict)
    {
        var (f1, count) = F1(language, truth, verdict);
        Assert.True(count >= 20, $"only {count} positives for {head} in {language ?? "all languages"}");
        Assert.True(f1 >= floor, $"{head} F1 {f1:0.000} in {language ?? "all languages"}, floor {floor}");
    }

    private static (double F1, int Positives) F1(string? language, Func<DevMessage, bool> truth, Func<AnalysisResult, bool> verdict)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (message, result) in Dev.Value.Where(d => language is null || d.Message.Lang == language))
        {
            var (t, v) = (truth(message), verdict(result));
            tp += t && v ? 1 : 0;
            fp += !t && v ? 1 : 0;
            fn += t && !v ? 1 : 0;
        }

        return (tp == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn), tp + fn);
    }

    private static List<(DevMessage, AnalysisResult)> Load()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CalmDesk.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var messages = Directory.EnumerateFiles(Path.Combine(root.FullName, "eval", "corpus"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<DevMessage>(line, options)!)
            .Where(m => m.Split == "dev")
            .ToList();
        Assert.True(messages.Count > 1000, $"{messages.Count} dev messages");
        var analyzer = new MessageAnalyzer();
        return [.. messages.Select(m => (m, analyzer.Analyze(m.Text)))];
    }

    private sealed record DevMessage(string Lang, string Text, int Anger, DevAbuse? Abuse, string[] Threats, string[] Situations, string? Split);

    private sealed record DevAbuse(string[] Kinds, string Target);
}
