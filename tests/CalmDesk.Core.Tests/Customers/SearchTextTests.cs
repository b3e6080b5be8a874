namespace CalmDesk.Customers;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Ταβέρνα Το Λιμανάκι", "ταβερνα το λιμανακι")]
    [InlineData("ΦΑΡΜΑΚΕΙΟ ΠΑΠΑΔΟΠΟΥΛΟΥ", "φαρμακειο παπαδοπουλου")]
    [InlineData("Γιώργος", "γιωργοσ")]
    [InlineData("Caffè  Città\tdi Forlì", "caffe citta di forli")]
    [InlineData("  ACME Ltd  ", "acme ltd")]
    public void Fold_IgnoresCaseAccentsFinalSigmaAndSpacing(string text, string expected) =>
        Assert.Equal(expected, SearchText.Fold(text));

    [Fact]
    public void Fold_Nothing_IsEmpty() => Assert.Equal("", SearchText.Fold(null));
}
