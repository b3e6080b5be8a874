using CalmDesk.Accounts;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Localization;
using CalmDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Cases;

/// What the rep does next on the live guide, after saving the ticks, facts and notes.
internal enum GuideAction
{
    Save,
    Promise,
    Pause,
}

/// Everything the live guide's one form sends: what was typed during the call, and what to do next with it.
internal sealed record GuideProgress(
    IReadOnlyCollection<string> Steps, string? FactWhat, string? FactWhen, string? FactOrder, string? Note,
    GuideAction Action = GuideAction.Save, string? PromiseWhat = null, int? PromiseHours = null, int? PauseMinutes = null,
    string? FactImpact = null, int? ResponseHours = null);

/// What the rep does on a case while talking to the customer: tick the de-escalation steps, take notes of the call,
/// pause a heated conversation with a promise of an update, and send the reply.
internal sealed class CaseGuide(
    CalmDeskDbContext db, TimeProvider clock, CaseBook cases, CommitmentBook commitments, CaseMessages messages,
    ActiveModel? model = null, IOptions<Receivables.ReceivablesOptions>? business = null)
{
    /// The de-escalation tactics, in the order they are used.
    public static readonly IReadOnlyList<string> Steps = ["acknowledge", "support", "vent", "cool", "facts", "restate", "resolve", "timeline", "keep"];

    /// Saves a call in progress at once: the ticked steps, the facts and the note, then the promise or the pause.
    /// All of it is checked first and stored in one transaction, so the rep never loses what was typed to a refused
    /// promise, and a refusal stores nothing.
    public async Task<Outcome<CaseDetail>> ProgressAsync(Viewer viewer, int id, GuideProgress input, CancellationToken cancellationToken = default)
    {
        if (await ActiveAsync(viewer, id, cancellationToken) is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        var now = clock.GetUtcNow();
        var facts = new CaseChange(FactWhat: input.FactWhat ?? "", FactWhen: input.FactWhen ?? "", FactOrder: input.FactOrder ?? "", FactImpact: input.FactImpact ?? "");
        var errors = facts.Validate();
        if (input.ResponseHours is not null and not (>= 1 and <= 24 * 30))
        {
            errors["responseHours"] = [Messages.Get("The response time must be between 0 and 720 hours.")];
        }
        if (input.Steps.Any(s => !Steps.Contains(s)))
        {
            errors["step"] = [Messages.Format("The step must be one of {0}.", string.Join(", ", Steps))];
        }

        // "Due in 4 hours" counts the hours the business is open; "in 2 days" is closing time of the second open day.
        DateTimeOffset? promiseDue = null;
        if (input.Action == GuideAction.Promise)
        {
            var customerId = await db.Cases.Where(c => c.Id == id).Select(c => c.CustomerId).SingleAsync(cancellationToken);
            var terms = await Boundaries.EffectiveTerms.ForCustomerAsync(db, customerId, cancellationToken);
            var due = input.PromiseHours is { } hours and >= 1 and <= 24 * 31
                ? Boundaries.OpeningHours.PromiseDue(Boundaries.OpeningHours.PromiseStart(now), hours, terms, Receivables.ReceivablesOptions.ZoneOf(business))
                : now;
            promiseDue = due;
            foreach (var (key, value) in new CommitmentInput(null, id, input.PromiseWhat, due).Validate(now))
            {
                errors[key] = value;
            }
        }

        if (input.Action == GuideAction.Pause && input.PauseMinutes is not (>= 5 and <= 7 * 24 * 60))
        {
            errors["minutes"] = [Messages.Get("The pause must last between 5 minutes and 7 days.")];
        }

        if (errors.Count > 0)
        {
            return Outcome<CaseDetail>.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var steps = new List<IReadOnlyDictionary<string, string[]>>
        {
            (await cases.UpdateAsync(viewer, id, facts, cancellationToken)).Errors,
            (await SetStepsAsync(viewer, id, input.Steps, cancellationToken)).Errors,
        };
        if (!string.IsNullOrWhiteSpace(input.Note))
        {
            steps.Add((await messages.AddNoteAsync(viewer, id, input.Note, cancellationToken: cancellationToken)).Errors);
        }

        if (input.ResponseHours is { } responseHours)
        {
            await SetResponseTimeAsync(id, responseHours, now, cancellationToken);
        }

        steps.Add(input.Action switch
        {
            GuideAction.Promise => (await commitments.CreateAsync(
                viewer, new CommitmentInput(null, id, input.PromiseWhat, promiseDue), CommitmentSource.Guide, cancellationToken)).Errors,
            GuideAction.Pause => (await PauseAsync(viewer, id, input.PauseMinutes, null, cancellationToken)).Errors,
            _ => new Dictionary<string, string[]>(),
        });
        if (steps.FirstOrDefault(e => e.Count > 0) is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Outcome<CaseDetail>.Invalid(refused);
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await cases.GetAsync(viewer, id, cancellationToken))!);
    }

    /// The customer's own answer to "what would be an acceptable time to get back to you?" becomes the response time of
    /// their contract terms, which the inbox's response clock then counts against.
    private async Task SetResponseTimeAsync(int caseId, int hours, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customerId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.CustomerId).SingleAsync(cancellationToken);
        var terms = await db.Terms.FirstOrDefaultAsync(t => t.CustomerId == customerId, cancellationToken);
        if (terms is null)
        {
            terms = new Boundaries.Terms { CustomerId = customerId };
            db.Terms.Add(terms);
        }

        terms.ResponseHours = hours;
        terms.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<Outcome<CaseDetail>> SetStepAsync(Viewer viewer, int id, string? step, bool done, CancellationToken cancellationToken = default) =>
        ChangeStepsAsync(viewer, id, [step ?? ""], ticked => done ? ticked.Append(step!) : ticked.Where(s => s != step), cancellationToken);

    /// Sets the ticked steps all at once, as the guide page's form sends them.
    public Task<Outcome<CaseDetail>> SetStepsAsync(Viewer viewer, int id, IReadOnlyCollection<string> steps, CancellationToken cancellationToken = default) =>
        ChangeStepsAsync(viewer, id, steps, _ => steps, cancellationToken);

    /// Sends the reply to the customer's contact (or records it, without a mailbox that sends), and the case then waits
    /// on the customer. Unless the rep confirmed it, the guard reads it first: a reply it finds fault with is not sent,
    /// and the errors name the words under "guard".
    public async Task<Outcome<InteractionView>> SendReplyAsync(
        Viewer viewer, int id, string? subject, string? body, bool confirmed = false, IReadOnlyList<Attachment>? files = null,
        CancellationToken cancellationToken = default)
    {
        if (!confirmed && !string.IsNullOrWhiteSpace(body) && await CheckReplyAsync(viewer, id, body, cancellationToken) is { Count: > 0 } findings)
        {
            return Outcome<InteractionView>.Invalid(new Dictionary<string, string[]> { ["guard"] = [.. findings.Select(ReplyGuard.Describe)] });
        }

        return await messages.RecordAsync(viewer, id, new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null, subject, body), CaseStatus.WaitingOnCustomer, cancellationToken, send: true, files);
    }

    /// What the guard finds in a reply to this case before it goes; null when the case is not there (or not visible).
    public async Task<IReadOnlyList<GuardFinding>?> CheckReplyAsync(Viewer viewer, int id, string body, CancellationToken cancellationToken = default)
    {
        var target = await ActiveAsync(viewer, id, cancellationToken);
        if (target is null)
        {
            return null;
        }

        var notes = await db.Interactions.AsNoTracking().Where(i => i.CaseId == id && i.Direction == Direction.Internal).Select(i => i.Body).ToListAsync(cancellationToken);
        // The facts are not private: the drafts quote them to the customer. The notes and the resolution are.
        return ReplyGuard.Check(body, [.. notes, .. new[] { target.Resolution }.OfType<string>()], ActiveModel.Of(model));
    }

    /// Pauses a conversation too heated to continue: a promise of a status update in the given number of minutes.
    public async Task<Outcome<CommitmentView>> PauseAsync(Viewer viewer, int id, int? minutes, string? what, CancellationToken cancellationToken = default)
    {
        var target = await ActiveAsync(viewer, id, cancellationToken);
        if (target is null)
        {
            return Outcome<CommitmentView>.Missing();
        }

        if (minutes is not (>= 5 and <= 7 * 24 * 60))
        {
            return Outcome<CommitmentView>.Invalid("minutes", Messages.Get("The pause must last between 5 minutes and 7 days."));
        }

        var text = string.IsNullOrWhiteSpace(what) ? StoredText.Write("Status update to the customer: {0}", target.Title) : what.Trim();
        // Counted while the business is open, as the promise on the same page is: an hour's pause asked at 3 in the
        // morning promises news an hour after opening, not at 4.
        var terms = await Boundaries.EffectiveTerms.ForCustomerAsync(db, target.CustomerId, cancellationToken);
        var due = Boundaries.OpeningHours.AddOpenTime(
            Boundaries.OpeningHours.PromiseStart(clock.GetUtcNow()), TimeSpan.FromMinutes(minutes.Value), terms, Receivables.ReceivablesOptions.ZoneOf(business));
        return await commitments.CreateAsync(viewer, new CommitmentInput(null, id, text, due), CommitmentSource.Pause, cancellationToken);
    }

    /// Loads the case, checks the steps named, and stores the ticks that follow from the current ones.
    private async Task<Outcome<CaseDetail>> ChangeStepsAsync(
        Viewer viewer, int id, IEnumerable<string> named, Func<IEnumerable<string>, IEnumerable<string>> next, CancellationToken cancellationToken)
    {
        var target = await ActiveAsync(viewer, id, cancellationToken);
        if (target is null)
        {
            return Outcome<CaseDetail>.Missing();
        }

        if (named.Any(s => !Steps.Contains(s)))
        {
            return Outcome<CaseDetail>.Invalid("step", Messages.Format("The step must be one of {0}.", string.Join(", ", Steps)));
        }

        var ticked = next(target.GuideStepList).ToHashSet(StringComparer.Ordinal);
        target.GuideSteps = Case.Join(Steps.Where(ticked.Contains));
        target.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CaseDetail>.Done((await cases.GetAsync(viewer, id, cancellationToken))!);
    }

    private Task<Case?> ActiveAsync(Viewer viewer, int id, CancellationToken cancellationToken) => CaseMessages.ActiveAsync(db, viewer, id, cancellationToken);
}
