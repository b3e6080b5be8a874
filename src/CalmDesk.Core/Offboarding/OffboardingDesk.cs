using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Localization;
using CalmDesk.Notifications;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Offboarding;

internal sealed record OffboardingEventView(DateTimeOffset At, string? By, string What, string? Note);

internal sealed record OffboardingView(
    int Id, int CustomerId, string Company, LetGoReason Reason, bool Direct, OffboardingStatus Status,
    bool FactsVerified, bool RulesExplained, bool EducationTried, bool MoneyWeighed, bool ChecklistComplete, DateTimeOffset? ApprovedAt,
    DateOnly NonRenewalOn, IReadOnlyList<string> Referrals, string? LetterLanguage, string? LetterSubject, string? LetterBody, DateTimeOffset? LetterIssuedAt,
    bool FinalInvoiceDone, bool OpenOrdersDone, bool DataReturnedDone, IReadOnlyList<OffboardingEventView> Events)
{
    /// The customer's country, for writing the letter's date as they do.
    public string? Country { get; init; }

    /// Where the letter goes, under the company's name.
    public string? PostalAddress { get; init; }

    /// The customer's time zone, so the letter is dated on the customer's calendar day.
    public string? TimeZone { get; init; }
}

internal sealed record CompetitorView(int Id, string Name, string? Note);

/// Letting a customer go, step by step and never by a shortcut: the checklist (facts verified, rules explained,
/// education tried, money weighed) is answered first, a manager approves, and only then is the letter issued, in
/// the customer's language, with the non-renewal date and any referral. Each step is written to the audit trail.
internal sealed class OffboardingDesk(
    CalmDeskDbContext db, TimeProvider clock, PlaybookStore playbooks, IOptions<ReceivablesOptions> money, Interactions.InteractionLog log)
{
    public static readonly IReadOnlyList<string> ChecklistItems = ["facts_verified", "rules_explained", "education_tried", "money_weighed"];

    public static readonly IReadOnlyList<string> Tasks = ["final_invoice", "open_orders", "data_returned"];

    public async Task<IReadOnlyList<CompetitorView>> CompetitorsAsync(CancellationToken cancellationToken = default) =>
        await db.Competitors.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).Select(c => new CompetitorView(c.Id, c.Name, c.Note)).ToListAsync(cancellationToken);

    public async Task<Outcome<CompetitorView>> AddCompetitorAsync(Viewer viewer, string? name, string? note, CancellationToken cancellationToken = default)
    {
        if (!viewer.SeesAll)
        {
            return Outcome<CompetitorView>.Missing();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 || note is { Length: > 500 })
        {
            return Outcome<CompetitorView>.Invalid("name", Messages.Get("A competitor needs a name (at most 200 characters) and a note of at most 500."));
        }

        var competitor = new Competitor { Name = name.Trim(), Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };
        db.Competitors.Add(competitor);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CompetitorView>.Done(new CompetitorView(competitor.Id, competitor.Name, competitor.Note));
    }

    public async Task<OffboardingView?> ForCustomerAsync(Viewer viewer, int customerId, CancellationToken cancellationToken = default)
    {
        var id = await Visible(viewer).Where(o => o.CustomerId == customerId && o.Status != OffboardingStatus.Cancelled)
            .OrderByDescending(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await GetAsync(viewer, id.Value, cancellationToken);
    }

    public async Task<OffboardingView?> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken = default)
    {
        var o = await Visible(viewer).Include(x => x.Customer).Include(x => x.Events).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (o is null)
        {
            return null;
        }

        var names = await CompetitorNamesAsync(o.Referrals, cancellationToken);
        var userIds = o.Events.Select(e => e.UserId).Where(u => u is not null).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new OffboardingView(o.Id, o.CustomerId, o.Customer!.Company, o.Reason, o.Direct, o.Status, o.FactsVerified, o.RulesExplained, o.EducationTried,
            o.MoneyWeighed, o.ChecklistComplete, o.ApprovedAt, o.NonRenewalOn, names, o.LetterLanguage, o.LetterSubject, o.LetterBody, o.LetterIssuedAt,
            o.FinalInvoiceDone, o.OpenOrdersDone, o.DataReturnedDone,
            [.. o.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new OffboardingEventView(e.At, e.UserId is null ? null : people.GetValueOrDefault(e.UserId), e.What, e.Note))])
        { Country = o.Customer.Country, PostalAddress = o.Customer.PostalAddress, TimeZone = o.Customer.TimeZone };
    }

    /// Opens the let-go checklist for a customer. The non-renewal date starts as the contract's renewal date, or the
    /// end of next month.
    public async Task<Outcome<OffboardingView>> StartAsync(Viewer viewer, int customerId, string? reason, string? note, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.VisibleTo(viewer).AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Outcome<OffboardingView>.Missing();
        }

        if (!Enum.TryParse<LetGoReason>(reason, ignoreCase: true, out var why) || !Enum.IsDefined(why))
        {
            return Outcome<OffboardingView>.Invalid("reason", Messages.Format("The reason is one of {0}.", string.Join(", ", Enum.GetNames<LetGoReason>().Select(n => n.ToLowerInvariant()))));
        }

        if (await db.Offboardings.AnyAsync(o => o.CustomerId == customerId && o.Status != OffboardingStatus.Cancelled, cancellationToken))
        {
            return Outcome<OffboardingView>.Invalid("customerId", Messages.Get("This customer already has a let-go checklist."));
        }

        var today = money.Value.Today(clock);
        var offboarding = new CustomerOffboarding
        {
            CustomerId = customerId, Reason = why, Status = OffboardingStatus.Open, NonRenewalOn = DefaultEnd(customer.ContractRenewalDate, today),
            CreatedAt = clock.GetUtcNow(), CreatedByUserId = viewer.UserId,
        };
        Log(offboarding, viewer, "started", note ?? why.ToString().ToLowerInvariant());
        db.Offboardings.Add(offboarding);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<OffboardingView>.Done((await GetAsync(viewer, offboarding.Id, cancellationToken))!);
    }

    /// The contract's renewal date when it is still ahead, else the last day of next month.
    public static DateOnly DefaultEnd(DateOnly? renewal, DateOnly today) =>
        renewal is { } date && date > today ? date : new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1);

    /// Answers one checklist item "yes", with the note that shows it (which incidents were confirmed, when the rules were explained…).
    /// The answer that completes the checklist tells every manager it waits for their approval.
    public async Task<Outcome<OffboardingView>> AnswerAsync(Viewer viewer, int id, string? item, string? note, CancellationToken cancellationToken = default)
    {
        var completed = false;
        var outcome = await ChangeAsync(viewer, id, o =>
        {
            var wasComplete = o.ChecklistComplete;
            var problem = Answer(o, viewer, item, note);
            completed = problem is null && !wasComplete && o.ChecklistComplete;
            return problem;
        }, cancellationToken);
        if (completed && outcome.Value is { } done)
        {
            var now = clock.GetUtcNow();
            foreach (var manager in await Roles.UserIdsAsync(db, Roles.Manager, cancellationToken))
            {
                db.Notifications.Add(new Notification
                {
                    RecipientUserId = manager, Kind = NotificationKind.LetGoReady, CustomerId = done.CustomerId, Company = done.Company,
                    Subject = StoredText.Write("The let-go checklist is answered and waits for your approval."), CreatedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    private string? Answer(CustomerOffboarding o, Viewer viewer, string? item, string? note)
    {
        if (o.ApprovedAt is not null)
        {
            return Messages.Get("The checklist was approved; it cannot change any more.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Messages.Get("Say what shows it: every answer carries its evidence.");
        }

        switch (item)
        {
            case "facts_verified": o.FactsVerified = true; break;
            case "rules_explained": o.RulesExplained = true; break;
            case "education_tried": o.EducationTried = true; break;
            case "money_weighed": o.MoneyWeighed = true; break;
            default: return Messages.Format("The item is one of {0}.", string.Join(", ", ChecklistItems));
        }

        Log(o, viewer, item, note);
        return null;
    }

    /// A manager's approval, only once every item of the checklist is answered.
    public async Task<Outcome<OffboardingView>> ApproveAsync(Viewer viewer, int id, string? note, CancellationToken cancellationToken = default) =>
        !viewer.SeesAll
            ? Outcome<OffboardingView>.Missing()
            : await ChangeAsync(viewer, id, o =>
            {
                if (!o.ChecklistComplete)
                {
                    return Messages.Get("Answer every item of the checklist before approving.");
                }

                if (o.ApprovedAt is not null)
                {
                    return Messages.Get("This was already approved.");
                }

                o.ApprovedAt = clock.GetUtcNow();
                o.ApprovedByUserId = viewer.UserId;
                Log(o, viewer, "approved", note);
                return null;
            }, cancellationToken);

    /// Sets the non-renewal date and the referrals (at most two competitors from the manager's list), before the letter.
    public async Task<Outcome<OffboardingView>> SetTermsAsync(Viewer viewer, int id, DateOnly? nonRenewalOn, IReadOnlyList<int>? referrals, CancellationToken cancellationToken = default)
    {
        var ids = (referrals ?? []).Distinct().ToList();
        var known = await db.Competitors.Where(c => ids.Contains(c.Id) && c.IsActive).Select(c => c.Id).ToListAsync(cancellationToken);
        var today = money.Value.Today(clock);
        return await ChangeAsync(viewer, id, o =>
        {
            if (o.LetterIssuedAt is not null)
            {
                return Messages.Get("The letter was issued; its date and referrals stand as sent.");
            }

            if (nonRenewalOn is { } date && date <= today)
            {
                return Messages.Get("The non-renewal date must be in the future.");
            }

            if (!Data.BusinessDates.Allows(nonRenewalOn))
            {
                return Data.BusinessDates.Message;
            }

            if (ids.Count > 2 || known.Count != ids.Count)
            {
                return Messages.Get("Recommend at most two competitors from the list.");
            }

            o.NonRenewalOn = nonRenewalOn ?? o.NonRenewalOn;
            o.Referrals = string.Join(',', ids);
            Log(o, viewer, "terms", o.NonRenewalOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }, cancellationToken);
    }

    /// Issues the letter, only after the manager's approval: direct for abuse or ethics, discreet for capacity or fit. It
    /// is sent to the customer's contact like every mail the product sends (recorded only without a mailbox that sends),
    /// and stays on the timeline.
    public async Task<Outcome<OffboardingView>> IssueLetterAsync(Viewer viewer, int id, CancellationToken cancellationToken = default)
    {
        var issued = await IssueAsync(viewer, id, cancellationToken);
        if (issued.Value is { LetterSubject: { } subject, LetterBody: { } body } view)
        {
            await log.SendAsync(viewer, view.CustomerId,
                new InteractionInput(nameof(Channel.Email), nameof(Direction.Outbound), null, subject, body), cancellationToken: cancellationToken);
        }

        return issued;
    }

    private async Task<Outcome<OffboardingView>> IssueAsync(Viewer viewer, int id, CancellationToken cancellationToken)
    {
        var target = await db.Offboardings.Where(o => o.Id == id).Select(o => new { o.CustomerId, o.Referrals }).FirstOrDefaultAsync(cancellationToken);
        var referralNames = await CompetitorNamesAsync(target?.Referrals ?? "", cancellationToken);
        var addressee = target is null ? null
            : (await Addressee.LoadAsync(db.Customers.Where(c => c.Id == target.CustomerId), cancellationToken)).GetValueOrDefault(target.CustomerId);
        var signer = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return await ChangeAsync(viewer, id, o =>
        {
            if (o.ApprovedAt is null || !o.ChecklistComplete)
            {
                return Messages.Get("The letter can be issued only after the checklist is answered and a manager has approved.");
            }

            if (o.LetterIssuedAt is not null)
            {
                return Messages.Get("The letter was already issued.");
            }

            var letter = Letter(playbooks.Current, addressee!, o.Reason, o.NonRenewalOn, referralNames, string.IsNullOrWhiteSpace(signer) ? null : signer);
            o.LetterLanguage = letter.Language;
            o.LetterSubject = letter.Subject;
            o.LetterBody = letter.Body;
            o.LetterIssuedAt = clock.GetUtcNow();
            o.Status = OffboardingStatus.LetterIssued;
            Log(o, viewer, "letter_issued", letter.Language);
            return null;
        }, cancellationToken);
    }

    /// Ticks off one closing task: the final invoice, open orders, handing back data.
    public Task<Outcome<OffboardingView>> CompleteTaskAsync(Viewer viewer, int id, string? task, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(viewer, id, o =>
        {
            switch (task)
            {
                case "final_invoice": o.FinalInvoiceDone = true; break;
                case "open_orders": o.OpenOrdersDone = true; break;
                case "data_returned": o.DataReturnedDone = true; break;
                default: return Messages.Format("The task is one of {0}.", string.Join(", ", Tasks));
            }

            Log(o, viewer, "task_" + task, note);
            return null;
        }, cancellationToken);

    /// The letter that ends the relationship, signed by <paramref name="signer"/> (whoever issues it: after abuse, the
    /// manager rather than the rep who was abused), else by the customer's rep.
    public static Letter Letter(PlaybookLibrary library, Addressee customer, LetGoReason reason, DateOnly end, IReadOnlyList<string> referrals, string? signer = null)
    {
        var culture = customer.Culture;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact"] = customer.Contact ?? customer.Company,
            [Salutation.GenderKey] = customer.Contact is null ? "" : customer.ContactGender ?? "",
            ["company"] = customer.Company,
            ["rep"] = signer ?? customer.RepName ?? "",
            ["end_date"] = end.ToString("d", culture),
            ["referrals"] = string.Join(" / ", referrals),
        };
        var opening = reason switch
        {
            LetGoReason.Abuse => "letgo-abuse",
            LetGoReason.Ethics => "letgo-ethics",
            _ => "letgo-discreet",
        };
        List<IReadOnlyList<string>> paragraphs = [[opening], ["letgo-until", "letgo-data"], referrals.Count > 0 ? ["letgo-referral"] : [], ["letgo-close"]];
        return LetterWriter.Write(library, customer.Language, "letgo-subject", paragraphs, values, customer.CustomerId);
    }

    /// The names of the competitors a checklist recommends (its comma-separated ids), by name.
    private async Task<List<string>> CompetitorNamesAsync(string referrals, CancellationToken cancellationToken)
    {
        var ids = Ids(referrals);
        return await db.Competitors.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
    }

    private async Task<Outcome<OffboardingView>> ChangeAsync(Viewer viewer, int id, Func<CustomerOffboarding, string?> change, CancellationToken cancellationToken)
    {
        var offboarding = await Visible(viewer).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offboarding is null)
        {
            return Outcome<OffboardingView>.Missing();
        }

        if (offboarding.Status == OffboardingStatus.Cancelled)
        {
            return Outcome<OffboardingView>.Invalid("status", Messages.Get("This checklist was cancelled."));
        }

        if (change(offboarding) is { } problem)
        {
            return Outcome<OffboardingView>.Invalid("offboarding", problem);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<OffboardingView>.Done((await GetAsync(viewer, id, cancellationToken))!);
    }

    private void Log(CustomerOffboarding offboarding, Viewer viewer, string what, string? note) =>
        offboarding.Events.Add(new OffboardingEvent
        {
            At = clock.GetUtcNow(), UserId = viewer.UserId == Viewer.System.UserId ? null : viewer.UserId, What = what,
            Note = note is null ? null : note.Length <= CustomerOffboarding.MaxNoteLength ? note.Trim() : note[..CustomerOffboarding.MaxNoteLength],
        });

    private static List<int> Ids(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.TryParse(t, out var v) ? v : 0).Where(v => v > 0)];

    private IQueryable<CustomerOffboarding> Visible(Viewer viewer)
    {
        var visible = db.Customers.VisibleTo(viewer);
        return db.Offboardings.Where(o => visible.Any(c => c.Id == o.CustomerId));
    }
}
