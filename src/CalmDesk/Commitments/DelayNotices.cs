using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Commitments;

/// Drafts the delay notice for a promise in the language of the customer's contact (the API and the promises page share it).
internal sealed class DelayNotices(CalmDeskDbContext db, CommitmentBook book, CaseBook cases, PlaybookStore playbooks, Infrastructure.Zones zones)
{
    public async Task<ReplyDraft?> DraftAsync(Viewer viewer, int id, DateTimeOffset newDueAt, string? repName, CancellationToken cancellationToken = default)
    {
        var commitment = await book.GetAsync(viewer, id, cancellationToken);
        if (commitment is null)
        {
            return null;
        }

        var detail = commitment.CaseId is { } caseId ? await cases.GetAsync(Viewer.System, caseId, cancellationToken) : null;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == commitment.CustomerId)
            .Select(c => new { c.PreferredLanguage, c.Country, c.TimeZone, Contact = c.Contacts.OrderBy(x => x.Id).Select(x => new { x.Name, x.Language, x.Gender }).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var language = detail?.Language ?? customer.Contact?.Language ?? customer.PreferredLanguage;
        var contact = detail?.ContactName ?? customer.Contact?.Name;
        return ReplyDrafter.DelayNotice(detail, language, contact, repName ?? commitment.OwnerName, commitment.DueAt, newDueAt, playbooks.Current,
            Customers.TimeZones.Or(customer.TimeZone, zones.Business), detail?.Country ?? customer.Country,
            detail is null ? customer.Contact?.Gender : detail.ContactGender);
    }
}
