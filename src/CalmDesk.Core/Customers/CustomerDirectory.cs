using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Localization;
using CalmDesk.Reps;
using CalmDesk.Search;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// Finds, creates and changes customers on behalf of a viewer, who only ever reaches what they may see.
internal sealed class CustomerDirectory(CalmDeskDbContext db, TimeProvider clock)
{
    public async Task<Page<CustomerRow>> SearchAsync(Viewer viewer, CustomerQuery query, CancellationToken cancellationToken = default)
    {
        var (number, size) = Page<CustomerRow>.Clamp(query.Page, query.PageSize);
        var customers = db.Customers.AsNoTracking().VisibleTo(viewer);
        customers = customers.WhereKeyHasAll(c => c.SearchKey, Search.SearchMatch.Words(query.Text));

        if (query.RepId is { } repId)
        {
            customers = customers.Where(c => c.AssignedRepId == repId);
        }

        if (query.Status is { } status)
        {
            customers = customers.Where(c => c.Status == status);
        }

        var total = await customers.CountAsync(cancellationToken);
        var items = await Sorted(customers, query.Sort)
            .Skip((number - 1) * size).Take(size)
            .Select(c => new CustomerRow(
                c.Id, c.Company, c.Segment, c.Status, c.PreferredLanguage, c.Currency, c.AssignedRepId,
                c.AssignedRep == null ? null : c.AssignedRep.DisplayName, c.ContractRenewalDate,
                c.Interactions.Max(i => (DateTimeOffset?)i.OccurredAt), c.Interactions.Count))
            .ToListAsync(cancellationToken);
        var moods = await MoodsAsync([.. items.Select(i => i.Id)], cancellationToken);
        return new Page<CustomerRow>([.. items.Select(i => i with { Mood = moods.GetValueOrDefault(i.Id) })], number, size, total);
    }

    private static IOrderedQueryable<Customer> Sorted(IQueryable<Customer> customers, Sorting? sort)
    {
        var descending = sort?.Descending ?? false;
        var ordered = sort?.Column switch
        {
            "segment" => customers.ByEmptyLast(c => c.Segment, descending),
            "status" => customers.ByEnumOrder(c => c.Status, descending),
            "rep" => customers.ByEmptyLast(c => c.AssignedRep == null ? null : c.AssignedRep.DisplayName, descending),
            "renewal" => customers.ByEmptyLast(c => c.ContractRenewalDate, descending),
            "last-contact" => customers.ByEmptyLast(c => c.Interactions.Max(i => (DateTimeOffset?)i.OccurredAt), descending),
            "interactions" => customers.By(c => c.Interactions.Count, descending),
            _ => customers.By(c => c.Company, descending),
        };
        return (sort?.Column is null or "company" ? ordered : ordered.ThenBy(c => c.Company)).ThenBy(c => c.Id);
    }

    public async Task<CustomerDetail?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await db.Customers.AsNoTracking().VisibleTo(viewer).Where(c => c.Id == id)
            .Select(c => new CustomerDetail(
                c.Id, c.ExternalId, c.Company, c.Segment, c.Status, c.PreferredLanguage, c.Currency, c.AssignedRepId,
                c.AssignedRep == null ? null : c.AssignedRep.DisplayName, c.ContractRenewalDate, c.CreatedAt,
                c.Contacts.OrderBy(k => k.Name).Select(k => new ContactView(k.Id, k.Name, k.Email, k.Phone, k.Language) { Gender = k.Gender }).ToList())
            { Country = c.Country, TimeZone = c.TimeZone, PostalAddress = c.PostalAddress, ErasedAt = c.ErasedAt })
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<Outcome<CustomerDetail>> CreateAsync(
        Viewer viewer, CustomerInput input, IReadOnlyList<ContactInput> contacts, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        for (var i = 0; i < contacts.Count; i++)
        {
            foreach (var (key, value) in contacts[i].Validate($"contacts[{i}]."))
            {
                errors[key] = value;
            }
        }

        var ownRepId = await db.Reps.IdOfAsync(viewer, cancellationToken);
        input = viewer.SeesAll ? input : input with { AssignedRepId = input.AssignedRepId ?? ownRepId };
        await CheckAssignmentAsync(viewer, input.AssignedRepId, ownRepId, errors, cancellationToken);
        await CheckExternalIdAsync(viewer, input.ExternalId, current: null, exceptId: null, errors, cancellationToken);

        if (errors.Count > 0)
        {
            return Outcome<CustomerDetail>.Invalid(errors);
        }

        var customer = new Customer { Company = "", CreatedAt = clock.GetUtcNow() };
        customer.Contacts.AddRange(contacts.Select(c => c.ToContact()));
        input.ApplyTo(customer);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CustomerDetail>.Done((await GetAsync(Viewer.System, customer.Id, cancellationToken))!);
    }

    public async Task<Outcome<CustomerDetail>> UpdateAsync(Viewer viewer, int id, CustomerInput input, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Outcome<CustomerDetail>.Missing();
        }

        var errors = input.Validate();
        var ownRepId = await db.Reps.IdOfAsync(viewer, cancellationToken);
        await CheckAssignmentAsync(viewer, input.AssignedRepId, ownRepId, errors, cancellationToken);
        await CheckExternalIdAsync(viewer, input.ExternalId, customer.ExternalId, exceptId: id, errors, cancellationToken);

        if (errors.Count > 0)
        {
            return Outcome<CustomerDetail>.Invalid(errors);
        }

        var previousRepId = customer.AssignedRepId;
        input.ApplyTo(customer);
        if (customer.AssignedRepId is { } toRepId && toRepId != previousRepId)
        {
            customer.AssignedRepId = previousRepId;
            await AccountTransfer.MoveAsync(db, customer, toRepId, viewer.UserId, null, clock.GetUtcNow(), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CustomerDetail>.Done((await GetAsync(Viewer.System, id, cancellationToken))!);
    }

    public async Task<Outcome<ContactView>> AddContactAsync(Viewer viewer, int customerId, ContactInput input, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Outcome<ContactView>.Missing();
        }

        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Outcome<ContactView>.Invalid(errors);
        }

        var contact = input.ToContact();
        customer.Contacts.Add(contact);
        customer.RefreshSearchKey();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ContactView>.Done(new ContactView(contact.Id, contact.Name, contact.Email, contact.Phone, contact.Language));
    }

    /// Corrects a contact's details (anyone who sees the customer may: a wrong address is everyone's business).
    public async Task<Outcome<ContactView>> UpdateContactAsync(Viewer viewer, int customerId, int contactId, ContactInput input, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer?.Contacts.SingleOrDefault(c => c.Id == contactId) is not { } contact)
        {
            return Outcome<ContactView>.Missing();
        }

        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Outcome<ContactView>.Invalid(errors);
        }

        input.ApplyTo(contact);
        customer.RefreshSearchKey();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ContactView>.Done(new ContactView(contact.Id, contact.Name, contact.Email, contact.Phone, contact.Language) { Gender = contact.Gender });
    }

    /// <summary>Latest inbound anger and trend per customer, from the last six analysed inbound messages.</summary>
    private async Task<Dictionary<int, CustomerMood>> MoodsAsync(IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken)
    {
        var recent = await db.Interactions.AsNoTracking()
            .Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Interactions.Direction.Inbound && i.Analysis != null)
            .Select(i => new { i.CustomerId, i.OccurredAt, i.Id, i.Analysis!.AngerScore, i.Analysis.AngerLevel, i.Analysis.AbuseScore })
            .ToListAsync(cancellationToken);
        return recent.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g =>
        {
            var last = g.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id).Take(6).ToList();
            double? trend = last.Count >= 2
                ? last.Take(Math.Min(3, last.Count / 2)).Average(r => r.AngerScore) - last.Skip(Math.Min(3, last.Count / 2)).Average(r => r.AngerScore)
                : null;
            return new CustomerMood(last[0].AngerScore, last[0].AngerLevel, last[0].AbuseScore >= 0.5, trend is null ? null : Math.Round(trend.Value, 2));
        });
    }

    /// <summary>An external id is the import key, so no two customers may share one.</summary>
    /// <summary>The external id is the accounting system's key, unique in the book. Only managers and admins set or change
    /// it: a rep who could would learn, from the refusal of a taken one, which ids other reps' customers have.</summary>
    private async Task CheckExternalIdAsync(
        Viewer viewer, string? externalId, string? current, int? exceptId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!viewer.SeesAll && !string.IsNullOrWhiteSpace(externalId) && externalId.Trim() != current)
        {
            errors["externalId"] = [Messages.Get("Only a manager sets a customer's external id (the accounting system's key).")];
            return;
        }

        if (!string.IsNullOrWhiteSpace(externalId)
            && await db.Customers.AnyAsync(c => c.Id != exceptId && c.ExternalId == externalId.Trim(), cancellationToken))
        {
            errors["externalId"] = [Messages.Format("Another customer already has the external id '{0}'.", externalId)];
        }
    }

    private async Task CheckAssignmentAsync(Viewer viewer, int? repId, int? ownRepId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (repId is null)
        {
            if (!viewer.SeesAll)
            {
                errors["assignedRepId"] = [Messages.Get("A rep's customers stay assigned to a rep; ask a manager to reassign.")];
            }

            return;
        }

        if (!viewer.SeesAll && repId != ownRepId)
        {
            errors["assignedRepId"] = [Messages.Get("Only managers and admins can assign a customer to another rep.")];
        }
        else if (!await db.Reps.AnyAsync(r => r.Id == repId, cancellationToken))
        {
            errors["assignedRepId"] = [Messages.Format("There is no rep with id {0}.", repId)];
        }
    }
}
