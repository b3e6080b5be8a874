using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

internal sealed record RepProfile(int RepId, string DisplayName, string? Experience, string? Credentials);

internal sealed record IntroductionDraft(
    int ReassignmentId, int CustomerId, string Company, string? PreviousRep, string Rep, DateTimeOffset ReassignedAt, string Language, string Subject, string Body,
    bool ProfileComplete);

/// A reassigned account hears from its new rep first: an introduction in the customer's language that says who they
/// are, whom they take over from, their experience and credentials (the rep's own words), and that they know the
/// history. Drafted until sent; sent once, recorded in the timeline.
internal sealed class RepIntroductions(CalmDeskDbContext db, TimeProvider clock, PlaybookStore playbooks, InteractionLog log)
{
    public async Task<RepProfile?> ProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.Reps.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new RepProfile(r.Id, r.DisplayName, r.Experience, r.Credentials)).FirstOrDefaultAsync(cancellationToken);

    /// A rep writes their own profile; it is theirs (and their managers') to change.
    public async Task<Outcome<RepProfile>> SaveProfileAsync(string userId, string? experience, string? credentials, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (experience is { Length: > Rep.MaxProfileLength })
        {
            errors["experience"] = [Messages.Format("At most {0} characters.", Rep.MaxProfileLength)];
        }

        if (credentials is { Length: > Rep.MaxProfileLength })
        {
            errors["credentials"] = [Messages.Format("At most {0} characters.", Rep.MaxProfileLength)];
        }

        var rep = await db.Reps.FirstOrDefaultAsync(r => r.UserId == userId, cancellationToken);
        if (rep is null)
        {
            return Outcome<RepProfile>.Missing();
        }

        if (errors.Count > 0)
        {
            return Outcome<RepProfile>.Invalid(errors);
        }

        rep.Experience = Clean(experience);
        rep.Credentials = Clean(credentials);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<RepProfile>.Done(new RepProfile(rep.Id, rep.DisplayName, rep.Experience, rep.Credentials));
    }

    /// The introduction waiting for the customer's current rep: the latest reassignment to them, not yet introduced.
    /// Only the new rep (or a manager) sees it.
    public async Task<IntroductionDraft?> PendingAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.AssignedRepId }).FirstOrDefaultAsync(cancellationToken);
        if (customer?.AssignedRepId is not { } repId)
        {
            return null;
        }

        var reassignment = await db.Reassignments.AsNoTracking().Include(r => r.FromRep).Include(r => r.ToRep)
            .Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (reassignment is null || reassignment.ToRepId != repId || reassignment.IntroducedAt is not null)
        {
            return null;
        }

        var addressee = (await Addressee.LoadAsync(db.Customers.Where(c => c.Id == customerId), cancellationToken))[customerId];
        var letter = Draft(playbooks.Current, addressee, reassignment.ToRep!, reassignment.FromRep);
        return new IntroductionDraft(reassignment.Id, customerId, addressee.Company, reassignment.FromRep?.DisplayName, reassignment.ToRep!.DisplayName,
            reassignment.At, letter.Language, letter.Subject, letter.Body, reassignment.ToRep.Experience is not null || reassignment.ToRep.Credentials is not null);
    }

    /// Sends the introduction (edited or as drafted): an outbound email in the timeline, marked so it never goes twice.
    public async Task<Outcome<IntroductionDraft>> SendAsync(Viewer viewer, int customerId, string? subject, string? body, CancellationToken cancellationToken = default)
    {
        var draft = await PendingAsync(viewer, customerId, cancellationToken);
        if (draft is null)
        {
            return await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken)
                ? Outcome<IntroductionDraft>.Invalid("introduction", Messages.Get("There is no introduction waiting: it was sent already, or the account was not reassigned."))
                : Outcome<IntroductionDraft>.Missing();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await db.Reassignments.Where(r => r.Id == draft.ReassignmentId && r.IntroducedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IntroducedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Outcome<IntroductionDraft>.Invalid("introduction", Messages.Get("There is no introduction waiting: it was sent already, or the account was not reassigned."));
        }

        var recorded = await log.SendAsync(viewer, customerId, new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null,
            string.IsNullOrWhiteSpace(subject) ? draft.Subject : subject.Trim(), string.IsNullOrWhiteSpace(body) ? draft.Body : body), cancellationToken: cancellationToken);
        if (recorded.Value is null)
        {
            return Outcome<IntroductionDraft>.Invalid(recorded.Errors);
        }

        await db.Reassignments.Where(r => r.Id == draft.ReassignmentId).ExecuteUpdateAsync(s => s.SetProperty(r => r.InteractionId, recorded.Value.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<IntroductionDraft>.Done(draft);
    }

    public static Letter Draft(PlaybookLibrary library, Addressee customer, Rep rep, Rep? previous)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact"] = customer.Contact ?? customer.Company,
            [Salutation.GenderKey] = customer.Contact is null ? "" : customer.ContactGender ?? "",
            ["company"] = customer.Company,
            ["rep"] = rep.DisplayName,
            ["previous_rep"] = previous?.DisplayName ?? "",
            ["experience"] = rep.Experience?.TrimEnd('.', ' ') ?? "",
            ["credentials"] = rep.Credentials?.TrimEnd('.', ' ') ?? "",
        };
        List<string> about = [previous is null ? "new-rep-first" : "new-rep"];
        if (!string.IsNullOrWhiteSpace(rep.Experience))
        {
            about.Add("new-rep-experience");
        }

        if (!string.IsNullOrWhiteSpace(rep.Credentials))
        {
            about.Add("new-rep-credentials");
        }

        return LetterWriter.Write(library, customer.Language, "new-rep-subject", [about, ["new-rep-close"]], values, customer.CustomerId ^ rep.Id);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
