using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Localization;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Cases;

/// Lists, opens, re-labels, merges, splits and resolves cases.
internal sealed class CaseBook(CalmDeskDbContext db, TimeProvider clock, CommitmentBook commitments, Health.HealthBook health)
{
    public const int DefaultFollowUpDays = 7;

    /// The columns the cases list sorts by; without one, open cases first, angriest first.
    public static readonly IReadOnlyList<string> SortColumns = ["case", "customer", "mood", "status", "activity"];

    public async Task<Page<CaseSummary>> ListAsync(
        Viewer viewer, bool activeOnly, int? customerId, int? page, int? pageSize, Sorting? sort = null, CancellationToken cancellationToken = default)
    {
        var (number, size) = Page<CaseSummary>.Clamp(page, pageSize);
        // Active ones (not merged) by their statuses, which the database finds from its index on status; all not merged else.
        var cases = db.Cases.AsNoTracking().VisibleTo(viewer).Where(activeOnly ? Case.Active : c => c.MergedIntoId == null);

        if (customerId is { } customer)
        {
            cases = cases.Where(c => c.CustomerId == customer);
        }

        var total = await cases.CountAsync(cancellationToken);
        // The stored figures once the changed customers are worked out (usually the last few saves); else (the upgrade's
        // first start, a big import) worked out from the messages, slower but never stale.
        var rows = await (await health.CatchUpChangesAsync(cancellationToken) ? CaseFigure.Stored(cases, db.CaseFigures.AsNoTracking()) : CaseFigure.Live(cases))
            .Apply(rows => sort?.Column switch
            {
                "case" => rows.By(r => r.Case.Title, sort.Descending),
                "customer" => rows.By(r => r.Company, sort.Descending),
                "mood" => rows.By(r => r.Peak, sort.Descending),
                "status" => rows.ByEnumOrder(r => r.Case.Status, sort.Descending),
                "activity" => rows.By(r => r.Case.UpdatedAt, sort.Descending),
                // Angriest first: the customer most likely to need help now heads the list.
                _ => rows.OrderBy(r => r.Case.Status == CaseStatus.Resolved || r.Case.Status == CaseStatus.Closed).ThenByDescending(r => r.Peak),
            })
            .ThenByDescending(r => r.Case.Id)
            .Skip((number - 1) * size).Take(size)
            .ToListAsync(cancellationToken);
        return new Page<CaseSummary>(
            [.. rows.Select(r => new CaseSummary(
                r.Case.Id, r.Case.CustomerId, r.Company, r.Case.Title, r.Case.Status, r.Case.SituationList, r.Case.RootCause,
                r.Peak, r.Abusive, r.Count, r.Case.OpenedAt, r.Case.UpdatedAt, r.Case.FollowUpOn))],
            number, size, total);
    }

    public async Task<CaseDetail?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default)
    {
        var found = await db.Cases.AsNoTracking().VisibleTo(viewer)
            .Where(c => c.Id == id)
            .Select(c => new { Case = c, c.Customer!.Company, c.Customer.PreferredLanguage, c.Customer.Country, c.Customer.TimeZone, Rep = c.Customer.AssignedRep!.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var interactions = await db.Interactions.AsNoTracking()
            .Where(i => i.CaseId == id)
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => new { Interaction = i, ContactName = i.Contact == null ? null : i.Contact.Name })
            .ToListAsync(cancellationToken);
        // The contact who wrote last speaks for the customer; the customer's first contact otherwise.
        var contactId = interactions.Select(r => r.Interaction.ContactId).FirstOrDefault(c => c is not null);
        var contact = await db.Contacts.AsNoTracking()
            .Where(c => c.CustomerId == found.Case.CustomerId)
            .OrderBy(c => c.Id == contactId ? 0 : 1).ThenBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var promises = await commitments.ListAsync(Viewer.System, includeClosed: true, caseId: id, cancellationToken: cancellationToken);
        var c = found.Case;
        var files = await AttachmentView.ForAsync(db, [.. interactions.Select(r => r.Interaction.Id)], cancellationToken);
        return new CaseDetail(
            c.Id, c.CustomerId, found.Company, c.Title, c.Status, c.SituationList, c.RootCause, c.FactWhat, c.FactWhen, c.FactOrder,
            c.Resolution, c.FollowUpOn, c.GuideStepList, c.MergedIntoId, c.OpenedAt, c.UpdatedAt, c.ResolvedAt,
            contact?.Language ?? found.PreferredLanguage, contact?.Name, contact?.Email, found.Rep,
            [.. interactions.Select(r => InteractionLog.View(r.Interaction, r.ContactName) with { Attachments = [.. files[r.Interaction.Id]] })], promises)
        { Country = found.Country, TimeZone = found.TimeZone, ContactGender = contact?.Gender, FactImpact = c.FactImpact };
    }

    /// Opens a case by hand, optionally gathering interactions of the same customer into it.
    public async Task<Outcome<CaseDetail>> CreateAsync(
        Viewer viewer, int customerId, string? title, IReadOnlyList<string>? situations, IReadOnlyList<long>? interactionIds, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome<CaseDetail>.Invalid("customerId", Messages.Format("Customer {0} does not exist or is not yours.", customerId));
        }

        var change = new CaseChange(Title: title ?? "", Situations: situations);
        var errors = change.Validate();
        var moved = await InteractionsOfAsync(customerId, interactionIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome<CaseDetail>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var created = new Case { CustomerId = customerId, Title = "", OpenedAt = now, UpdatedAt = now };
        change.ApplyTo(created);
        created.Interactions.AddRange(moved);
        db.Cases.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await GetAsync(viewer, created.Id, cancellationToken))!);
    }

    public async Task<Outcome<CaseDetail>> UpdateAsync(Viewer viewer, int id, CaseChange change, CancellationToken cancellationToken = default)
    {
        var target = await db.Cases.VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (target is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        var errors = change.Validate();
        if (errors.Count > 0)
        {
            return Outcome<CaseDetail>.Invalid(errors);
        }

        var wasActive = target.IsActive;
        var situationsBefore = target.SituationList;
        change.ApplyTo(target);
        var now = clock.GetUtcNow();
        await Corrections.CaseRelabelAsync(db, id, situationsBefore, target.SituationList, viewer.UserId, now, cancellationToken);
        target.UpdatedAt = now;
        if (wasActive && !target.IsActive)
        {
            target.ResolvedAt = now;
        }
        else if (target.IsActive)
        {
            target.ResolvedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await GetAsync(viewer, id, cancellationToken))!);
    }

    /// Moves every interaction and promise of the source case into the target; the source stays as a pointer.
    public async Task<Outcome<CaseDetail>> MergeAsync(Viewer viewer, int targetId, int sourceId, CancellationToken cancellationToken = default)
    {
        var both = await db.Cases.VisibleTo(viewer).Where(c => c.Id == targetId || c.Id == sourceId).ToListAsync(cancellationToken);
        var target = both.FirstOrDefault(c => c.Id == targetId);
        var source = both.FirstOrDefault(c => c.Id == sourceId);
        if (target is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        if (source is null || source.Id == target.Id || source.MergedIntoId is not null)
        {
            return Outcome<CaseDetail>.Invalid("sourceCaseId", Messages.Format("Case {0} cannot be merged into this one.", sourceId));
        }

        if (source.CustomerId != target.CustomerId)
        {
            return Outcome<CaseDetail>.Invalid("sourceCaseId", Messages.Get("Only cases of the same customer can be merged."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Interactions.Where(i => i.CaseId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CaseId, targetId), cancellationToken);
        await db.Commitments.Where(c => c.CaseId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CaseId, targetId), cancellationToken);
        var now = clock.GetUtcNow();
        target.Situations = Case.Join([.. target.SituationList, .. source.SituationList]);
        target.OpenedAt = target.OpenedAt < source.OpenedAt ? target.OpenedAt : source.OpenedAt;
        target.UpdatedAt = now;
        source.MergedIntoId = target.Id;
        source.Status = CaseStatus.Closed;
        source.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await GetAsync(viewer, targetId, cancellationToken))!);
    }

    /// Moves some interactions of a case into a new case of their own (two problems were mixed up).
    public async Task<Outcome<CaseDetail>> SplitAsync(
        Viewer viewer, int id, IReadOnlyList<long>? interactionIds, string? title, CancellationToken cancellationToken = default)
    {
        var source = await db.Cases.VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (source is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        var errors = new CaseChange(Title: title ?? "").Validate();
        if (interactionIds is not { Count: > 0 })
        {
            errors["interactionIds"] = [Messages.Get("Choose the interactions that belong to the new case.")];
        }
        else if (await db.Interactions.CountAsync(i => i.CaseId == id && interactionIds.Contains(i.Id), cancellationToken) != interactionIds.Distinct().Count())
        {
            errors["interactionIds"] = [Messages.Get("Only interactions of this case can be split off.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<CaseDetail>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var split = new Case { CustomerId = source.CustomerId, Title = title!.Trim(), Situations = source.Situations, OpenedAt = now, UpdatedAt = now };
        split.Interactions.AddRange(await db.Interactions.Where(i => interactionIds!.Contains(i.Id)).ToListAsync(cancellationToken));
        split.OpenedAt = split.Interactions.Min(i => i.OccurredAt);
        db.Cases.Add(split);
        source.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await GetAsync(viewer, split.Id, cancellationToken))!);
    }

    /// Closes the problem with its resolution and schedules the promise to check, N days later, that it stayed fixed.
    public async Task<Outcome<CaseDetail>> ResolveAsync(
        Viewer viewer, int id, string? resolution, string? rootCause, int? followUpDays, CancellationToken cancellationToken = default)
    {
        var target = await db.Cases.VisibleTo(viewer).Include(c => c.Customer).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (target is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        var change = new CaseChange(Status: nameof(CaseStatus.Resolved), RootCause: rootCause, Resolution: resolution ?? "");
        var errors = change.Validate();
        if (string.IsNullOrWhiteSpace(resolution))
        {
            errors["resolution"] = [Messages.Get("Say how it was resolved.")];
        }

        var days = followUpDays ?? DefaultFollowUpDays;
        if (days is < 1 or > 365)
        {
            errors["followUpDays"] = [Messages.Get("The follow-up must be between 1 and 365 days away.")];
        }

        var owner = await commitments.OwnerAsync(viewer, null, cancellationToken) ?? target.Customer!.AssignedRepId;
        if (owner is null)
        {
            errors["followUpDays"] = [Messages.Get("Nobody can own the follow-up: assign the customer to a rep first.")];
        }

        if (!target.IsActive)
        {
            errors["status"] = [Messages.Get("This case is already resolved or closed.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<CaseDetail>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        change.ApplyTo(target);
        target.ResolvedAt = now;
        target.UpdatedAt = now;
        var due = now.AddDays(days);
        target.FollowUpOn = DateOnly.FromDateTime(due.UtcDateTime);
        // A customer who resisted a change was asked to try the new way and report back: the follow-up is that check-in.
        var followUp = Case.Split(target.Situations).Contains(Situation.ChangeResistance.Name())
            ? StoredText.Write("Ask how the new way is working for them, and note what they report: {0}", target.Title)
            : StoredText.Write("Check that it stayed fixed: {0}", target.Title);
        db.Commitments.Add(CommitmentBook.New(target.CustomerId, target.Id, owner!.Value, followUp, due, CommitmentSource.FollowUp, now));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await GetAsync(viewer, id, cancellationToken))!);
    }

    private async Task<List<Interaction>> InteractionsOfAsync(
        int customerId, IReadOnlyList<long>? ids, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (ids is not { Count: > 0 })
        {
            return [];
        }

        var found = await db.Interactions.Where(i => i.CustomerId == customerId && ids.Contains(i.Id)).ToListAsync(cancellationToken);
        if (found.Count != ids.Distinct().Count())
        {
            errors["interactionIds"] = [Messages.Get("Only interactions of this customer can be gathered into the case.")];
        }

        return found;
    }
}
