namespace CalmDesk.Customers;

public sealed class CustomerInputTests
{
    [Fact]
    public void Validate_CompleteInput_HasNoErrors() =>
        Assert.Empty(new CustomerInput("Acme", "Retail", "active", "it", "EUR").Validate());

    [Theory]
    [InlineData(null, "company")]
    [InlineData("   ", "company")]
    public void Validate_MissingCompany_IsAFieldError(string? company, string field) =>
        Assert.Contains(field, new CustomerInput(company).Validate().Keys);

    [Theory]
    [InlineData("english", "preferredLanguage")]
    [InlineData("xx", "preferredLanguage")]
    public void Validate_UnknownLanguage_IsRefused(string language, string field) =>
        Assert.Contains(field, new CustomerInput("Acme", PreferredLanguage: language).Validate().Keys);

    [Theory]
    [InlineData("EURO")]
    [InlineData("ABC")]
    public void Validate_UnknownCurrency_IsRefused(string currency) =>
        Assert.Contains("currency", new CustomerInput("Acme", Currency: currency).Validate().Keys);

    [Theory]
    [InlineData("on-hold", "OnHold")]
    [InlineData("ON_HOLD", "OnHold")]
    [InlineData("former", "Former")]
    public void TryParseStatus_AcceptsCommonSpellings(string text, string expected)
    {
        Assert.True(CustomerInput.TryParseStatus(text, out var status));
        Assert.Equal(expected, status.ToString());
    }

    [Fact]
    public void TryParseStatus_Number_IsNotAStatus() => Assert.False(CustomerInput.TryParseStatus("7", out _));

    [Fact]
    public void ApplyTo_NormalisesCodesAndRefreshesTheSearchKey()
    {
        var customer = new Customer { Company = "" };

        new CustomerInput(" Ταβέρνα Θάλασσα ", PreferredLanguage: "EL", Currency: "eur").ApplyTo(customer);

        Assert.Equal("Ταβέρνα Θάλασσα", customer.Company);
        Assert.Equal("el", customer.PreferredLanguage);
        Assert.Equal("EUR", customer.Currency);
        Assert.Contains(SearchText.Key("thalassa"), customer.SearchKey, StringComparison.Ordinal);
    }
}
