using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Localization;
using CalmDesk.Reps;
using CalmDesk.Search;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Customers;

/// Finds, creates and changes customers on behalf of a viewer, who only ever reaches what they may see.
/// The list reads each customer's stored figures (<see cref="CustomerFigure"/>) through <paramref name="health"/>, which
/// first works out the few changed since; without one (a test of the rules alone) it works them out from the messages.
internal sealed class CustomerDirectory(CalmDeskDbContext db, TimeProvider clock, Health.HealthBook? health = null)
{
    public async Task<Page<CustomerRow>> SearchAsync(Viewer viewer, CustomerQuery query, CancellationToken cancellationToken = default)
    {
        var (number, size) = Page<CustomerRow>.Clamp(query.Page, query.PageSize);
        var customers = db.Customers.AsNoTracking().VisibleTo(viewer);
        var words = Search.SearchMatch.Words(query.Text);
        customers = Search.SearchIndex.Narrow(customers, db, words).WhereKeyHasAll(c => c.SearchKey, words);

        if (query.RepId is { } repId)
        {
            customers = customers.Where(c => c.AssignedRepId == repId);
        }

        if (query.Status is { } status)
        {
            customers = customers.Where(c => c.Status == status);
        }

        var total = await customers.CountAsync(cancellationToken);
        // The stored figures once the few customers changed since are worked out; from the messages while many wait.
        var stored = health is not null && await health.CatchUpChangesAsync(cancellationToken);
        var rows = stored ? CustomerFigure.Stored(customers, db.CustomerFigures.AsNoTracking()) : CustomerFigure.Live(customers);
        var page = await Sorted(rows, query.Sort)
            .Skip((number - 1) * size).Take(size)
            .Select(r => new
            {
                Row = new CustomerRow(
                    r.Customer.Id, r.Customer.Company, r.Customer.Segment, r.Customer.Status, r.Customer.PreferredLanguage, r.Customer.Currency,
                    r.Customer.AssignedRepId, r.Rep, r.Customer.ContractRenewalDate, r.LastContactAt, r.Interactions),
                r.Figure,
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Row.Id).ToList();
        var moods = stored
            ? page.Where(p => p.Figure?.Mood is not null).ToDictionary(p => p.Row.Id, p => p.Figure!.Mood!)
            : await CustomerFigure.MoodsAsync(db, ids, cancellationToken);
        return new Page<CustomerRow>([.. page.Select(p => p.Row with { Mood = moods.GetValueOrDefault(p.Row.Id) })], number, size, total);
    }

    private static IOrderedQueryable<CustomerListRow> Sorted(IQueryable<CustomerListRow> rows, Sorting? sort)
    {
        var descending = sort?.Descending ?? false;
        var ordered = sort?.Column switch
        {
            "segment" => rows.ByEmptyLast(r => r.Customer.Segment, descending),
            "status" => rows.ByEnumOrder(r => r.Customer.Status, descending),
            "rep" => rows.ByEmptyLast(r => r.Rep, descending),
            "renewal" => rows.ByEmptyLast(r => r.Customer.ContractRenewalDate, descending),
            // The contacted first, then by time: the never contacted last either way, through an index each way.
            "last-contact" => descending
                ? rows.OrderByDescending(r => r.Contacted).ThenByDescending(r => r.LastContactAt)
                : rows.OrderByDescending(r => r.Contacted).ThenBy(r => r.LastContactAt),
            "interactions" => rows.By(r => r.Interactions, descending),
            _ => rows.By(r => r.Customer.Company, descending),
        };
        return (sort?.Column is null or "company" ? ordered : ordered.ThenBy(r => r.Customer.Company)).ThenBy(r => r.Customer.Id);
    }

    public async Task<CustomerDetail?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default) =>
        await db.Customers.AsNoTracking().VisibleTo(viewer).Where(c => c.Id == id)
            .Select(c => new CustomerDetail(
                c.Id, c.ExternalId, c.Company, c.Segment, c.Status, c.PreferredLanguage, c.Currency, c.AssignedRepId,
                c.AssignedRep == null ? null : c.AssignedRep.DisplayName, c.ContractRenewalDate, c.CreatedAt,
                c.Contacts.OrderBy(k => k.Name).Select(k => new ContactView(k.Id, k.Name, k.Email, k.Phone, k.Language) { Gender = k.Gender }).ToList())
            { Country = c.Country, TimeZone = c.TimeZone, PostalAddress = c.PostalAddress, ErasedAt = c.ErasedAt })
            .SingleOrDefaultAsync(cancellationToken);

    public Task<Outcome<CustomerDetail>> CreateAsync(
        Viewer viewer, CustomerInput input, IReadOnlyList<ContactInput> contacts, CancellationToken cancellationToken = default) =>
        CreateAsync(viewer, input, contacts, sameNameAllowed: true, cancellationToken);

    /// Creates a customer; unless <paramref name="sameNameAllowed"/>, one whose name (ignoring case and spaces) is
    /// already a customer the viewer sees is refused, so a second "Trattoria Da Nino" is a decision, not a slip.
    public async Task<Outcome<CustomerDetail>> CreateAsync(
        Viewer viewer, CustomerInput input, IReadOnlyList<ContactInput> contacts, bool sameNameAllowed, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        if (!sameNameAllowed && !errors.ContainsKey("company") && await SameNameAsync(viewer, input.Company!, cancellationToken) is { } existing)
        {
            errors["sameName"] = [Messages.Format("You already have a customer named “{0}”. If this is another company, tick “It is another company” and create it again.", existing)];
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            foreach (var (key, value) in contacts[i].Validate($"contacts[{i}]."))
            {
                errors[key] = value;
            }

            await CheckAddressAsync(viewer, contacts[i].Email, null, $"contacts[{i}].email", errors, cancellationToken);
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

    /// Replaces the customer's details; with <paramref name="ifStamp"/>, only if they are still those the stamp was
    /// taken of (<see cref="CustomerStamp"/>), else the change is refused as a conflict and nothing is saved.
    public async Task<Outcome<CustomerDetail>> UpdateAsync(Viewer viewer, int id, CustomerInput input, string? ifStamp = null, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Outcome<CustomerDetail>.Missing();
        }

        if (ifStamp is not null && !string.Equals(ifStamp.Trim(), CustomerStamp.Of(customer), StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<CustomerDetail>.Conflicting("stamp", Messages.Get("Someone else saved this customer after you opened it. Your changes are still here: check them against what is saved now and save again."));
        }

        var errors = input.Validate();
        var ownRepId = await db.Reps.IdOfAsync(viewer, cancellationToken);
        await CheckAssignmentAsync(viewer, input.AssignedRepId, ownRepId, errors, cancellationToken, customer.AssignedRepId);
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
        await CheckAddressAsync(viewer, input.Email, customerId, "email", errors, cancellationToken);
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
        if (!string.Equals(input.Email?.Trim(), contact.Email, StringComparison.OrdinalIgnoreCase))
        {
            await CheckAddressAsync(viewer, input.Email, customerId, "email", errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return Outcome<ContactView>.Invalid(errors);
        }

        input.ApplyTo(contact);
        customer.RefreshSearchKey();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ContactView>.Done(new ContactView(contact.Id, contact.Name, contact.Email, contact.Phone, contact.Language) { Gender = contact.Gender });
    }

    /// <summary>The name of a customer the viewer sees that is written as <paramref name="company"/> (ignoring case and
    /// runs of spaces), or null. Only names of the same length are read, so the book is not.</summary>
    private async Task<string?> SameNameAsync(Viewer viewer, string company, CancellationToken cancellationToken)
    {
        static string Folded(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        var wanted = Folded(Imports.TextEncodings.Clean(company));
        var lengths = new[] { wanted.Length, company.Trim().Length };
        var candidates = await db.Customers.VisibleTo(viewer).Where(c => lengths.Contains(c.Company.Length)).Select(c => c.Company).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => Folded(c) == wanted);
    }

    /// <summary>Mail is matched to its customer by the sender's address, and an address two customers' contacts share
    /// matches neither (it waits among the unmatched). So a rep may not give their customer's contact an address that a
    /// customer they do not look after already holds: that would take the other rep's mail out of their customer's
    /// timeline. A manager, who sees both, may (two companies with one bookkeeper).</summary>
    private async Task CheckAddressAsync(Viewer viewer, string? email, int? customerId, string field, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (viewer.SeesAll || string.IsNullOrWhiteSpace(email) || errors.ContainsKey(field))
        {
            return;
        }

        var address = email.Trim().ToLowerInvariant();
        var mine = db.Customers.VisibleTo(viewer).Select(c => c.Id);
        if (await db.Contacts.AnyAsync(c => c.Email == address && c.CustomerId != customerId && !mine.Contains(c.CustomerId), cancellationToken))
        {
            errors[field] = [Messages.Get("This address belongs to a contact of a customer you do not look after, so their mail would no longer find them. Ask a manager to add it.")];
        }
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

    /// A customer goes to an active rep (one who has left would leave the account unseen by any rep); one already
    /// assigned to a rep who has since left may be saved unchanged.
    private async Task CheckAssignmentAsync(
        Viewer viewer, int? repId, int? ownRepId, Dictionary<string, string[]> errors, CancellationToken cancellationToken, int? currentRepId = null)
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
        else if (repId != currentRepId && !await db.Reps.AnyAsync(r => r.Id == repId && r.IsActive, cancellationToken))
        {
            errors["assignedRepId"] = [Messages.Get("Choose an active rep: this one has left.")];
        }
    }
}
