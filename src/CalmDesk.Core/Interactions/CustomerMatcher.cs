using CalmDesk.Customers;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Interactions;

/// Finds the customer an imported record belongs to: by external id, company name or a contact's email.
internal sealed class CustomerMatcher
{
    private readonly Dictionary<string, int> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> _byCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int CustomerId, int ContactId, string Name)?> _byContactEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int RepId, string Name)> _repByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<int>> _domains = new(StringComparer.OrdinalIgnoreCase);

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

        foreach (var k in await db.Contacts.AsNoTracking().Where(k => k.Email != null).OrderBy(k => k.Id).Select(k => new { k.Id, k.CustomerId, k.Email, k.Name }).ToListAsync(cancellationToken))
        {
            var at = k.Email!.LastIndexOf('@');
            if (at > 0)
            {
                var domain = k.Email[(at + 1)..].Trim();
                if (!matcher._domains.TryGetValue(domain, out var customers))
                {
                    matcher._domains[domain] = customers = [];
                }

                customers.Add(k.CustomerId);
            }

            // An address shared by contacts of two customers says nothing about which one wrote: remember the ambiguity.
            matcher._byContactEmail[k.Email!] = matcher._byContactEmail.TryGetValue(k.Email!, out var known) && known?.CustomerId != k.CustomerId
                ? null
                : known ?? (k.CustomerId, k.Id, k.Name);
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

    /// The contact with this address; null when nobody has it, or contacts of more than one customer share it.
    public (int CustomerId, int ContactId, string Name)? ByContactEmail(string? email) =>
        email is not null && _byContactEmail.TryGetValue(email.Trim(), out var contact) ? contact : null;

    /// The customers that have a contact at this domain ("trattoria.example"), for a reply from a colleague.
    public bool HasContactAtDomain(int customerId, string domain) =>
        _domains.TryGetValue(domain, out var customers) && customers.Contains(customerId);

    public (int RepId, string Name)? RepByEmail(string? email) =>
        email is not null && _repByEmail.TryGetValue(email.Trim(), out var rep) ? rep : null;
}
