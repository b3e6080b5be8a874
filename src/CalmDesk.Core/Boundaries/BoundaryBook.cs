using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Boundaries;

internal sealed record TermsView(Terms? Organisation, Terms? Customer, EffectiveTerms Effective);

/// A message that asks for something the terms exclude: the breaches with the clause each one meets, and a drafted
/// answer in the customer's language that holds the line politely and offers what is possible.
internal sealed record BoundaryFlag(long InteractionId, DateTimeOffset OccurredAt, string? Subject, IReadOnlyList<BoundaryFlagItem> Breaches, Letter Draft);

internal sealed record BoundaryFlagItem(string Rule, int Offset, int Length, string Quote, string Clause);

/// The written terms and their use: reading and saving them, and checking customers' messages against them.
internal sealed class BoundaryBook(CalmDeskDbContext db, TimeProvider clock, PlaybookStore playbooks)
{
    /// The clause key that words each rule in the free-form clauses ("delivery: …").
    private static readonly Dictionary<string, string> ClauseKeys = new(StringComparer.Ordinal)
    {
        ["delivery-day"] = "delivery", ["opening-day"] = "opening", ["opening-hours"] = "opening", ["deposit"] = "deposit", ["discount"] = "discount", ["payment-terms"] = "payment", ["response-time"] = "response",
    };

    private static readonly Dictionary<string, string> And = new(StringComparer.Ordinal) { ["it"] = "e", ["el"] = "και", ["en"] = "and" };

    public async Task<TermsView?> TermsAsync(Viewer viewer, int? customerId, CancellationToken cancellationToken = default)
    {
        if (customerId is not null && !await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return null;
        }

        var organisation = await db.Terms.AsNoTracking().OrderBy(t => t.Id).FirstOrDefaultAsync(t => t.CustomerId == null, cancellationToken);
        var customer = customerId is null ? null : await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.CustomerId == customerId, cancellationToken);
        return new TermsView(organisation, customer, EffectiveTerms.Merge(organisation, customer));
    }

    /// Saves the organisation's terms (managers only: the caller checks the role) or one visible customer's contract.
    public async Task<Outcome<TermsView>> SaveAsync(Viewer viewer, int? customerId, TermsInput input, CancellationToken cancellationToken = default)
    {
        if (customerId is not null && !await db.Customers.VisibleTo(viewer).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome<TermsView>.Missing();
        }

        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Outcome<TermsView>.Invalid(errors);
        }

        var terms = await db.Terms.OrderBy(t => t.Id).FirstOrDefaultAsync(t => t.CustomerId == customerId, cancellationToken);
        if (terms is null)
        {
            terms = new Terms { CustomerId = customerId };
            db.Terms.Add(terms);
        }

        input.ApplyTo(terms);
        terms.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TermsView>.Done((await TermsAsync(viewer, customerId, cancellationToken))!);
    }

    /// The customer's recent messages (or one case's) that ask for something their terms exclude, newest first;
    /// null when the customer is not visible.
    public async Task<IReadOnlyList<BoundaryFlag>?> FlagsAsync(Viewer viewer, int customerId, int? caseId = null, CancellationToken cancellationToken = default)
    {
        var view = await TermsAsync(viewer, customerId, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var customer = (await Addressee.LoadAsync(db.Customers.Where(c => c.Id == customerId), cancellationToken))[customerId];
        var messages = await db.Interactions.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.Direction == Direction.Inbound && (caseId == null || i.CaseId == caseId))
            .OrderByDescending(i => i.OccurredAt).Take(30)
            .Select(i => new { i.Id, i.OccurredAt, i.Subject, i.Body, Language = i.Analysis == null ? null : i.Analysis.Language, Contact = i.Contact == null ? null : i.Contact.Name, Gender = i.Contact == null ? null : i.Contact.Gender })
            .ToListAsync(cancellationToken);
        var flags = new List<BoundaryFlag>();
        foreach (var message in messages)
        {
            var language = message.Language is { Length: 2 } detected && playbooks.Current.Letters(detected)?.Language == detected ? detected : customer.Language;
            var culture = Languages.CultureOrInvariant(language);
            var breaches = BoundaryCheck.Check(message.Body, view.Effective, culture, And.GetValueOrDefault(language, "and"));
            if (breaches.Count == 0)
            {
                continue;
            }

            var items = breaches.Select(b => new BoundaryFlagItem(b.Rule, b.Offset, b.Length, b.Quote, view.Effective.ClauseFor(ClauseKeys[b.Rule], language) ?? b.Allowed)).ToList();
            flags.Add(new BoundaryFlag(message.Id, message.OccurredAt, message.Subject, items,
                Answer(language, Interactions.Subjects.Strip(message.Subject ?? ""), message.Contact ?? customer.Contact ?? customer.Company,
                    (message.Contact is null ? customer.Contact is null ? null : customer.ContactGender : message.Gender) ?? "", customer.RepName, view.Effective, breaches, items, (int)message.Id)));
        }

        return flags;
    }

    /// Checks a text as it is being read or written (the API's live check), for one customer's terms.
    public async Task<IReadOnlyList<BoundaryBreach>?> CheckAsync(Viewer viewer, int customerId, string text, CancellationToken cancellationToken = default)
    {
        var view = await TermsAsync(viewer, customerId, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var language = await db.Customers.Where(c => c.Id == customerId).Select(c => c.PreferredLanguage).FirstAsync(cancellationToken);
        return BoundaryCheck.Check(text, view.Effective, Languages.CultureOrInvariant(language), And.GetValueOrDefault(language, "and"));
    }

    private Letter Answer(
        string language, string title, string contact, string gender, string? rep, EffectiveTerms terms, IReadOnlyList<BoundaryBreach> breaches, List<BoundaryFlagItem> items, int seed)
    {
        var library = playbooks.Current;
        var common = new Dictionary<string, string>(StringComparer.Ordinal) { ["contact"] = contact, [Salutation.GenderKey] = gender, ["rep"] = rep ?? "", ["title"] = title };
        var paragraphs = new List<string> { LetterWriter.Section(library, language, "boundary-intro", common, seed) };
        for (var i = 0; i < breaches.Count; i++)
        {
            var values = new Dictionary<string, string>(common, StringComparer.Ordinal)
            {
                ["asked"] = breaches[i].Asked,
                ["allowed"] = breaches[i].Allowed,
                ["clause"] = items[i].Clause,
                ["deposit"] = breaches[i].Allowed,
                ["methods"] = terms.DepositMethods ?? "",
            };
            var section = LetterWriter.Section(library, language, "boundary-" + breaches[i].Rule, values, seed);
            // No clause written for the rule in the customer's language: the rule stands in the draft's own words,
            // without quoting itself back ("from Monday to Friday («Monday to Friday»)").
            paragraphs.Add(items[i].Clause == breaches[i].Allowed && items[i].Clause.Length > 0
                ? section.Replace($" («{items[i].Clause}»)", "", StringComparison.Ordinal).Replace($" (\"{items[i].Clause}\")", "", StringComparison.Ordinal)
                : section);
        }

        return LetterWriter.Compose(library, language, "boundary-subject", paragraphs, common, seed);
    }
}
