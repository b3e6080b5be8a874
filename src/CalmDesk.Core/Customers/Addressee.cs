using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// Who a letter to a customer is addressed to and signed by: the company, its language, its first contact and its rep.
internal sealed record Addressee(int CustomerId, string Company, string Language, string? Contact, string? RepName, string? RepUserId)
{
    public static async Task<Dictionary<int, Addressee>> LoadAsync(IQueryable<Customer> customers, CancellationToken cancellationToken) =>
        (await customers.AsNoTracking()
            .Select(c => new Addressee(
                c.Id, c.Company, c.PreferredLanguage, c.Contacts.OrderBy(k => k.Id).Select(k => k.Name).FirstOrDefault(),
                c.AssignedRep == null ? null : c.AssignedRep.DisplayName, c.AssignedRep == null ? null : c.AssignedRep.UserId))
            .ToListAsync(cancellationToken))
        .ToDictionary(a => a.CustomerId);
}
