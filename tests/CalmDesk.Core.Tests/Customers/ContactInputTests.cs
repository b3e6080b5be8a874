using System.Globalization;

namespace CalmDesk.Customers;

public sealed class ContactInputTests
{
    [Fact]
    public void Validate_BadEmailAndLanguage_AreFieldErrorsUnderThePrefix()
    {
        var errors = new ContactInput("Ann", "ann-at-example", Language: "klingon").Validate("contacts[0].");

        Assert.Equal(["contacts[0].email", "contacts[0].language"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_InGreek_SaysSoInGreek()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("el");

            var errors = new ContactInput(" ").Validate();

            Assert.Equal("Το όνομα της επαφής είναι υποχρεωτικό.", errors["name"][0]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void ToContact_NormalisesEmailAndLanguage()
    {
        var contact = new ContactInput(" Nino ", " Nino@Trattoria.Example ", " ", "IT").ToContact();

        Assert.Equal(("Nino", "nino@trattoria.example", null, "it"), (contact.Name, contact.Email, contact.Phone, contact.Language));
    }
}
