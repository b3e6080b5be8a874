using System.Globalization;
using CalmDesk.Boundaries;
using CalmDesk.Localization;

namespace CalmDesk.Customers;

/// Dates, counts and day names as each reader writes them.
public sealed class RegionalFormatTests
{
    [Theory]
    [InlineData("en", null, "en-GB")]
    [InlineData("en", "US", "en-US")]
    [InlineData("en", "ie", "en-IE")]
    [InlineData("it", null, "it-IT")]
    [InlineData("it", "CH", "it-CH")]
    [InlineData("el", "CY", "el-CY")]
    [InlineData("el", "US", "el-GR")]
    [InlineData("pt", null, "pt-PT")]
    public void CultureOrInvariant_IsTheLanguageAsWrittenInTheCountry(string language, string? country, string expected) =>
        Assert.Equal(expected, Languages.CultureOrInvariant(language, country).Name);

    [Fact]
    public void CustomerInput_RefusesAnUnknownCountryOrZone_AndKeepsKnownOnes()
    {
        var errors = new CustomerInput("Acme", Country: "XX", TimeZone: "Mars/Olympus").Validate();
        Assert.Contains("country", errors.Keys);
        Assert.Contains("timeZone", errors.Keys);

        var customer = new Customer { Company = "Acme" };
        var good = new CustomerInput("Acme", Country: "us", TimeZone: "America/New_York");
        Assert.Empty(good.Validate());
        good.ApplyTo(customer);
        Assert.Equal("US", customer.Country);
        Assert.Equal("America/New_York", customer.TimeZone);

        new CustomerInput("Acme").ApplyTo(customer);
        Assert.Equal("US", customer.Country);
        new CustomerInput("Acme", Country: "", TimeZone: "").ApplyTo(customer);
        Assert.Null(customer.Country);
        Assert.Null(customer.TimeZone);
    }

    [Theory]
    [InlineData("it", 1, "1 episodio negli ultimi 30 giorni")]
    [InlineData("it", 3, "3 episodi negli ultimi 30 giorni")]
    [InlineData("el", 1, "1 περιστατικό τις τελευταίες")]
    [InlineData("el", 2, "2 περιστατικά τις τελευταίες")]
    [InlineData("en", 1, "1 incident in the last 30 days")]
    [InlineData("en", 0, "0 incidents in the last 30 days")]
    public void CountedMessage_TakesTheLanguagesPluralForm(string language, int count, string expected) =>
        Assert.StartsWith(expected, InCulture.Run(language, () => Messages.Count("{0} incidents in the last 30 days, above this rep's limit of {1}.", count, 2)), StringComparison.Ordinal);

    [Theory]
    [InlineData(1, "fr", true)]
    [InlineData(0, "fr", true)]
    [InlineData(0, "it", false)]
    [InlineData(2, "el", false)]
    public void OneForm_FollowsTheLanguage(int count, string language, bool one) =>
        Assert.Equal(one, Plurals.IsOne(count, CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("mon,tue,wed", "mon,tue,wed")]
    [InlineData("lunedì, Martedi, sab", "mon,tue,sat")]
    [InlineData("Δευτέρα Τρίτη Σάββατο", "mon,tue,sat")]
    [InlineData("deftera, triti", "mon,tue")]
    [InlineData("Friday; Monday", "mon,fri")]
    public void Days_AreAcceptedInTheReadersLanguage_AndStoredAsCodes(string typed, string stored)
    {
        var input = new TermsInput(OpenDays: typed);
        Assert.Empty(input.Validate());
        var terms = new Terms();
        input.ApplyTo(terms);
        Assert.Equal(stored, terms.OpenDays);
    }

    [Fact]
    public void Days_ThatAreNotDays_AreRefused_AndShownBackInTheReadersLanguage()
    {
        Assert.Contains("openDays", new TermsInput(OpenDays: "lunedì, festivi").Validate().Keys);
        Assert.Equal("lun, mar, sab", EffectiveTerms.ShortDayNames("mon,tue,sat", CultureInfo.GetCultureInfo("it")));
    }
}
