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

    [Theory]
    [InlineData("Μαρκάκης", "markakis")]
    [InlineData("ΙΩΑΝΝΗΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "Ioannis Papadopoulos")]
    [InlineData("Γιώργος", "Giwrgos")]
    [InlineData("Χρήστος", "Christos")]
    [InlineData("Ευάγγελος", "evaggelos")]
    [InlineData("Θεσσαλονίκη", "thessaloniki")]
    [InlineData("Ψυχογιός", "psyxogios")]
    [InlineData("Χρήστος", "xristos")]
    [InlineData("Αλέξανδρος", "Alexandros")]
    [InlineData("προϋπόθεση", "proipothesi")]
    [InlineData("Perché  è così?", "PERCHE E COSI?")]
    [InlineData("Kostas", "Κώστας")]
    public void Key_GreekAndItsGreeklishOrAccentsAndTheirAbsence_AreTheSame(string one, string other) =>
        Assert.Equal(SearchText.Key(one), SearchText.Key(other));

    [Theory]
    [InlineData("Μαρκάκης", "Μακράκης")]
    [InlineData("invoice 2031", "invoice 2013")]
    [InlineData("Rossi", "Russo")]
    public void Key_DifferentWords_StayDifferent(string one, string other) =>
        Assert.NotEqual(SearchText.Key(one), SearchText.Key(other));

    /// Someone typing a name halfway must already find it: the key of every beginning of a text starts its key (the
    /// one documented exception, a beginning that ends between the c and h of "ch", is tested below).
    [Theory]
    [InlineData("Ευάγγελος Χατζηγεωργίου")]
    [InlineData("Θεσσαλονίκη, οδός Τσιμισκή 14")]
    [InlineData("Müller & Söhne GmbH, Köln")]
    public void Key_OfABeginning_IsTheBeginningOfTheKey(string text)
    {
        var whole = SearchText.Key(text);
        for (var length = 1; length <= text.Length; length++)
        {
            Assert.StartsWith(SearchText.Key(text[..length]), whole, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyWithOrigins_PointsEachKeyCharacterAtTheLetterItCameFrom()
    {
        const string text = "Ο κ. Ψυχογιός  είπε";
        var (key, origins) = SearchText.KeyWithOrigins(text);
        var at = key.IndexOf("psixogios", StringComparison.Ordinal);

        Assert.Equal(key.Length, origins.Length);
        Assert.Equal("Ψυχογιός", text[origins[at]..(origins[at + "psixogios".Length - 1] + 1)]);
    }

    [Fact]
    public void Key_OfABeginningEndingBetweenCAndH_IsNotTheBeginningOfTheKey() =>
        Assert.False(SearchText.Key("Michalis").StartsWith(SearchText.Key("Mic"), StringComparison.Ordinal));
}
