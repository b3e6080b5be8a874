using CalmDesk.Interactions;
using CalmDesk.Reps;

namespace CalmDesk.Customers;

internal sealed class Customer
{
    public int Id { get; set; }

    /// The key an import matches on, so importing the same file twice changes nothing.
    public string? ExternalId { get; set; }

    public required string Company { get; set; }

    public string? Segment { get; set; }

    public CustomerStatus Status { get; set; } = CustomerStatus.Active;

    /// ISO 639-1 code of the language the customer writes in.
    public string PreferredLanguage { get; set; } = "en";

    /// ISO 3166-1 alpha-2 code of where the customer is; with the language it sets how dates, numbers and money
    /// are written to them (English in "US" is month-first, anywhere else day-first). Empty: the language's usual country.
    public string? Country { get; set; }

    /// IANA time zone of the customer ("Europe/London"); times in letters are given in it. Empty: the business's zone.
    public string? TimeZone { get; set; }

    /// Where letters to the customer go: street, town and postcode, one line each, as the post expects them in the
    /// customer's country. Printed under the company on letters.
    public string? PostalAddress { get; set; }

    /// ISO 4217 code.
    public string Currency { get; set; } = "EUR";

    public int? AssignedRepId { get; set; }

    public Rep? AssignedRep { get; set; }

    public DateOnly? ContractRenewalDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// When the customer's personal data was erased (PersonalData): the row stays, anonymised, for the invoices it holds.
    public DateTimeOffset? ErasedAt { get; set; }

    public List<Contact> Contacts { get; set; } = [];

    public List<Interaction> Interactions { get; set; } = [];

    /// Company, segment and contacts keyed by <see cref="SearchText.Key"/>, so search ignores case, accents and whether
    /// a Greek name is typed in Greek or Latin letters. Refreshed by hand (not by the context) because it needs the contacts.
    public string SearchKey { get; private set; } = "";

    public const int MaxSearchKeyLength = 2000;

    public void RefreshSearchKey()
    {
        var key = SearchText.Key(string.Join(' ', [Company, Segment, .. Contacts.SelectMany(c => new[] { c.Name, c.Email })]));
        SearchKey = key.Length > MaxSearchKeyLength ? key[..MaxSearchKeyLength] : key;
    }
}
