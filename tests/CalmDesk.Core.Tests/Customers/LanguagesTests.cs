using CalmDesk.Localization;

namespace CalmDesk.Customers;

public sealed class LanguagesTests
{
    /// A language named inside a sentence is named in the reader's language ("Bozza in italiano"), not in its own
    /// ("Bozza in Ελληνικά").
    [Theory]
    [InlineData("en-GB", "el", "Greek")]
    [InlineData("it", "el", "greco")]
    [InlineData("it", "it", "italiano")]
    [InlineData("el", "it", "Ιταλικά")]
    [InlineData("el", "en-US", "Αγγλικά")]
    public void DisplayName_IsInTheReadersLanguage(string reader, string language, string expected) =>
        Assert.Equal(expected, InCulture.Run(reader, () => Languages.DisplayName(language)));

    [Fact]
    public void DisplayName_OfAnUnknownCode_IsTheCode() =>
        Assert.Equal("not a language", Languages.DisplayName("not a language"));
}
