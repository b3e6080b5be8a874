namespace CalmDesk.Analysis;

public sealed class ModelTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    [InlineData("el")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("pt")]
    public void Load_EveryLanguage_HasAFittedModelWithItsSource(string language)
    {
        var model = Model.Load(language);

        Assert.NotEqual("defaults", model.Source);
        Assert.True(model.AngerRules > 0);
        Assert.True(model.AbuseAimed > 0);
        Assert.True(model.AngerWords.Count > 0 || language is not ("en" or "it" or "el"), "the required languages weigh words");
        Assert.All(model.AngerWords.Values, w => Assert.True(double.IsFinite(w) && w != 0));
        Assert.All(model.AbuseWords.Values, w => Assert.True(w > 0));
    }

    [Fact]
    public void Parse_MalformedLine_NamesTheLanguageAndLine()
    {
        var text = "anger\tbias\t-1\nanger\trules\tlots\n";

        var error = Assert.Throws<FormatException>(() => Model.Parse("xx", new StringReader(text)));

        Assert.Contains("Model xx, line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AWordTheModelWeighs_ShowsItAsEvidence()
    {
        var word = Model.Load("en").AngerWords.Where(w => w.Value > 0).OrderByDescending(w => w.Value).First().Key;

        var result = MessageAnalyzer.Default.Analyze($"Well, {word}. That is all I have to say about the delivery.", new AnalysisOptions("en"));

        Assert.Contains(result.Evidence, e => e.Rule == $"model:en:{word}" && e.Weight > 0 && result.Text.Substring(e.Offset, e.Length).Equals(word, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Analyze_SameWordNegated_DoesNotCountTheModelWeight()
    {
        var plain = MessageAnalyzer.Default.Analyze("I am angry about the delivery.", new AnalysisOptions("en"));
        var negated = MessageAnalyzer.Default.Analyze("I am not angry about the delivery.", new AnalysisOptions("en"));

        Assert.Contains(plain.Evidence, e => e.Rule == "model:en:angry");
        Assert.DoesNotContain(negated.Evidence, e => e.Rule == "model:en:angry");
        Assert.True(negated.Anger.Score < plain.Anger.Score);
    }
}
