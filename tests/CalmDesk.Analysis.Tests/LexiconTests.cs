namespace CalmDesk.Analysis;

public sealed class LexiconTests
{
    [Theory]
    [InlineData("anger\t1.0\tvergogna\nwrong\t1.0\tparola", 2, "unknown label 'wrong'")]
    [InlineData("anger\tmolto\tvergogna", 1, "expected 'label<TAB>weight<TAB>phrase'")]
    [InlineData("# commento\nfalse_friend\t0\tsue fine", 2, "a false_friend is one whole word")]
    [InlineData("false_friend\t0\tfin*", 1, "a false_friend is one whole word")]
    public void Parse_MalformedLine_NamesTheLineAndTheProblem(string text, int line, string problem)
    {
        var error = Assert.Throws<FormatException>(() => Lexicon.Parse("it", new StringReader(text)).ToList());

        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ElidedPhrase_IsSplitLikeTheTokenizerSplitsText()
    {
        var entry = Assert.Single(Lexicon.Parse("it", new StringReader("situation:boundary_request\t1.8\tL'Acconto")));

        Assert.Equal(["l'", "acconto"], entry.Words);
    }
}
