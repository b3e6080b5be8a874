namespace CalmDesk.Interactions;

public sealed class ExcerptsTests
{
    [Fact]
    public void CutFitShorten_NeverSplitAnEmoji()
    {
        const string Text = "ab😠cd"; // the emoji is two UTF-16 units, at 2 and 3

        Assert.Equal("ab", Excerpts.Cut(Text, 3));
        Assert.Equal("ab😠", Excerpts.Cut(Text, 4));
        Assert.Equal("ab…", Excerpts.Fit(Text, 4));
        Assert.Equal("abc…", Excerpts.Shorten("abc😠defg", 7));
        Assert.Equal(Text, Excerpts.Cut(Text, 6));
    }
}
