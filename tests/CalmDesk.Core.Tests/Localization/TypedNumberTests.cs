using System.Globalization;

namespace CalmDesk.Localization;

public sealed class TypedNumberTests
{
    [Theory]
    [InlineData("it", "1.250", "1250")]
    [InlineData("el", "1.250", "1250")]
    [InlineData("en-GB", "1.250", "1.25")]
    [InlineData("en-GB", "1,250", "1250")]
    [InlineData("it", "1,250", "1.25")]
    [InlineData("fr", "1,250", "1.25")]
    [InlineData("fr", "1.250", "1250")]
    [InlineData("pt-PT", "1.250", "1250")]
    [InlineData("de-CH", "1,250", "1250")]
    [InlineData("de-CH", "1.250", "1.25")]
    [InlineData("it", "1.250.000", "1250000")]
    [InlineData("en-GB", "1,250,000", "1250000")]
    [InlineData("it", "1.234,50", "1234.5")]
    [InlineData("en-GB", "1,234.50", "1234.5")]
    [InlineData("it", "9.50", "9.5")]
    [InlineData("it", "9,50", "9.5")]
    [InlineData("en-GB", "9,50", "9.5")]
    [InlineData("el", "12.5", "12.5")]
    [InlineData("it", "0.250", "0.25")]
    [InlineData("en-GB", "1234.567", "1234.567")]
    [InlineData("it", "1 250,50", "1250.5")]
    [InlineData("de-CH", "1’250.50", "1250.5")]
    [InlineData("fr", "1\u202F250,50", "1250.5")]
    [InlineData("it", " 40 ", "40")]
    [InlineData("it", ",5", "0.5")]
    [InlineData("it", "-1.250", "-1250")]
    public void Read_TakesWhatTheReaderMeant(string culture, string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), TypedNumber.Read(typed, CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("1.25.0")]
    [InlineData("12.34.567")]
    [InlineData("1,2,3")]
    [InlineData("1.234,5.6")]
    [InlineData("12a")]
    [InlineData("1.")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1e5")]
    [InlineData("9 50")]
    [InlineData("12 34,5")]
    [InlineData("1'2'3")]
    [InlineData("1250.000")]
    [InlineData("0.250.000")]
    [InlineData("1 250.000,5")]
    public void Read_RefusesWhatIsNotANumber(string typed) =>
        Assert.Null(TypedNumber.Read(typed, CultureInfo.GetCultureInfo("it")));
}
