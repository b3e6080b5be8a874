using CalmDesk.Customers;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// Finds the customer an imported record belongs to: by external id, company name or a contact's email.
internal sealed class CustomerMatcher
{
    private readonly Dictionary<string, int> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> _byCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int CustomerId, int ContactId, string Name)> _byContactEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int RepId, string Name)> _repByEmail = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<CustomerMatcher> LoadAsync(CalmDeskDbContext db, CancellationToken cancellationToken)
    {
        var matcher = new CustomerMatcher();
        foreach (var c in await db.Customers.AsNoTracking().Select(c => new { c.Id, c.ExternalId, c.Company }).ToListAsync(cancellationToken))
        {
            if (c.ExternalId is not null)
            {
                matcher._byExternalId[c.ExternalId] = c.Id;
            }

            var folded = SearchText.Fold(c.Company);
            // Two customers with the same name cannot be told apart by name: remember the ambiguity.
            matcher._byCompany[folded] = matcher._byCompany.ContainsKey(folded) ? null : c.Id;
        }

        foreach (var k in await db.Contacts.AsNoTracking().Where(k => k.Email != null).Select(k => new { k.Id, k.CustomerId, k.Email, k.Name }).ToListAsync(cancellationToken))
        {
            matcher._byContactEmail.TryAdd(k.Email!, (k.CustomerId, k.Id, k.Name));
        }

        foreach (var r in await db.Reps.AsNoTracking().Select(r => new { r.Id, r.DisplayName, r.User!.Email }).ToListAsync(cancellationToken))
        {
            if (r.Email is not null)
            {
                matcher._repByEmail[r.Email] = (r.Id, r.DisplayName);
            }
        }

        return matcher;
    }

    /// Matches "ACME-7" (external id) or "Acme S.p.A." (company name, case and accents ignored).
    public (int? CustomerId, string? Problem) ByCustomerReference(string reference)
    {
        if (_byExternalId.TryGetValue(reference.Trim(), out var id))
        {
            return (id, null);
        }

        if (_byCompany.TryGetValue(SearchText.Fold(reference), out var byName))
        {
            return byName is null ? (null, $"more than one customer is named '{reference}'; use its external id") : (byName, null);
        }

        return (null, $"no customer has the external id or name '{reference}'");
    }

    public (int CustomerId, int ContactId, string Name)? ByContactEmail(string? email) =>
        email is not null && _byContactEmail.TryGetValue(email.Trim(), out var contact) ? contact : null;

    public (int RepId, string Name)? RepByEmail(string? email) =>
        email is not null && _repByEmail.TryGetValue(email.Trim(), out var rep) ? rep : null;
}
