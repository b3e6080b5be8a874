using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// Who a letter to a customer is addressed to and signed by: the company, its language, its first contact and its rep.
internal sealed record Addressee(int CustomerId, string Company, string Language, string? Contact, string? RepName, string? RepUserId)
{
    /// The first contact's gender ("female", "male"), when known, for the greeting.
    public string? ContactGender { get; init; }

    /// Where the customer is (ISO 3166-1 alpha-2), or null for the language's usual country.
    public string? Country { get; init; }

    /// How dates, numbers and money are written to this customer: their language as used in their country.
    public System.Globalization.CultureInfo Culture => Languages.CultureOrInvariant(Language, Country);

    public static async Task<Dictionary<int, Addressee>> LoadAsync(IQueryable<Customer> customers, CancellationToken cancellationToken) =>
        (await customers.AsNoTracking()
            .Select(c => new Addressee(
                c.Id, c.Company, c.PreferredLanguage, c.Contacts.OrderBy(k => k.Id).Select(k => k.Name).FirstOrDefault(),
                c.AssignedRep == null ? null : c.AssignedRep.DisplayName, c.AssignedRep == null ? null : c.AssignedRep.UserId)
            { Country = c.Country, ContactGender = c.Contacts.OrderBy(k => k.Id).Select(k => k.Gender).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .ToDictionary(a => a.CustomerId);
}
