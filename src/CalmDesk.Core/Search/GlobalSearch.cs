using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Search;

/// One kind of record found: the first ones and whether there are more.
internal sealed record SearchSection<T>(IReadOnlyList<T> Items, bool More);

internal sealed record CustomerHit(int Id, string Company, string? Segment, CustomerStatus Status, string? AssignedRepName);

/// Where the match is in the message, as the text before it, the matched words and the text after (all plain text).
internal sealed record Snippet(string Before, string Match, string After);

internal sealed record MessageHit(
    long Id, int CustomerId, string Company, int? CaseId, Channel Channel, Direction Direction, DateTimeOffset OccurredAt,
    string? Subject, Snippet Snippet, int TimelinePage);

internal sealed record CaseHit(int Id, int CustomerId, string Company, string Title, CaseStatus Status, DateTimeOffset UpdatedAt);

internal sealed record InvoiceHit(
    int Id, int CustomerId, string Company, string Number, InvoiceKind Kind, DateOnly IssuedOn, DateOnly DueOn, decimal Amount, string Currency);

internal sealed record SearchResults(
    string Query,
    SearchSection<CustomerHit> Customers,
    SearchSection<MessageHit> Messages,
    SearchSection<CaseHit> Cases,
    SearchSection<InvoiceHit> Invoices)
{
    public bool TooShort => SearchText.Key(Query).Length < GlobalSearch.MinimumLength;

    public bool Empty => Customers.Items.Count + Messages.Items.Count + Cases.Items.Count + Invoices.Items.Count == 0;
}

/// <summary>One box that finds customers, messages, cases and invoices among those the viewer may see. Everything is
/// matched on keys made by <see cref="SearchText.Key"/>, so case, accents and greeklish do not matter. Each kind returns
/// its first <see cref="PerKind"/> records (messages and cases newest first) and says whether there are more, instead of
/// counting every match in a big book.</summary>
internal sealed partial class GlobalSearch(CalmDeskDbContext db)
{
    public const int PerKind = 20;
    public const int MinimumLength = 2;
    private const int SnippetContext = 90;

    public async Task<SearchResults> FindAsync(Viewer viewer, string? query, CancellationToken cancellationToken = default)
    {
        query = query?.Trim() ?? "";
        var key = SearchText.Key(query);
        if (key.Length < MinimumLength)
        {
            return new SearchResults(query, new([], false), new([], false), new([], false), new([], false));
        }

        // Every word must appear, in any order: "rossi milano" finds "Milano, Rossi & figli".
        var words = SearchMatch.Words(query);
        var visible = db.Customers.AsNoTracking().VisibleTo(viewer);
        var visibleIds = visible.Select(c => c.Id);

        var customers = await visible.Narrow(db, words).WhereKeyHasAll(c => c.SearchKey, words)
            .OrderBy(c => c.Company).ThenBy(c => c.Id).Take(PerKind + 1)
            .Select(c => new CustomerHit(c.Id, c.Company, c.Segment, c.Status, c.AssignedRep == null ? null : c.AssignedRep.DisplayName))
            .ToListAsync(cancellationToken);

        var messageRows = await db.Interactions.AsNoTracking().Narrow(db, words).WhereKeyHasAll(i => i.SearchKey!, words)
            .Where(i => visibleIds.Contains(i.CustomerId))
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(PerKind + 1)
            .Select(i => new
            {
                i.Id, i.CustomerId, Company = i.Customer!.Company, i.CaseId, i.Channel, i.Direction, i.OccurredAt, i.Subject,
                Body = i.Body.Substring(0, SearchText.MaxKeyLength),
            })
            .ToListAsync(cancellationToken);
        var longest = words.MaxBy(w => w.Length)!;
        var messages = new List<MessageHit>();
        foreach (var row in messageRows.Take(PerKind))
        {
            // The page of the customer's timeline the message is on: the timeline runs newest first, 20 to a page.
            var newer = row.CaseId is null
                ? await db.Interactions.CountAsync(
                    i => i.CustomerId == row.CustomerId && (i.OccurredAt > row.OccurredAt || (i.OccurredAt == row.OccurredAt && i.Id > row.Id)),
                    cancellationToken)
                : 0;
            messages.Add(new MessageHit(
                row.Id, row.CustomerId, row.Company, row.CaseId, row.Channel, row.Direction, row.OccurredAt, row.Subject,
                SnippetOf(row.Body, longest), newer / InteractionLog.TimelinePageSize + 1));
        }

        var cases = await db.Cases.AsNoTracking().Narrow(db, words).WhereKeyHasAll(c => c.SearchKey!, words)
            .Where(c => c.MergedIntoId == null && visibleIds.Contains(c.CustomerId))
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(PerKind + 1)
            .Select(c => new CaseHit(c.Id, c.CustomerId, c.Customer!.Company, c.Title, c.Status, c.UpdatedAt))
            .ToListAsync(cancellationToken);

        var invoices = await db.Invoices.AsNoTracking().Narrow(db, words).WhereKeyHasAll(i => i.SearchKey!, words)
            .Where(i => visibleIds.Contains(i.CustomerId))
            .OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.Id).Take(PerKind + 1)
            .Select(i => new InvoiceHit(i.Id, i.CustomerId, i.Customer!.Company, i.Number, i.Kind, i.IssuedOn, i.DueOn, i.Amount, i.Currency))
            .ToListAsync(cancellationToken);

        return new SearchResults(
            query,
            Section(customers),
            new SearchSection<MessageHit>(messages, messageRows.Count > PerKind),
            Section(cases),
            Section(invoices));
    }

    private static SearchSection<T> Section<T>(List<T> found) =>
        new([.. found.Take(PerKind)], found.Count > PerKind);

    /// The stretch of text around the first match of the key, cut at spaces, with its whitespace made single; the
    /// text's beginning when the match is elsewhere (in the subject, shown as the link).
    internal static Snippet SnippetOf(string text, string key)
    {
        var (keyed, origins) = SearchText.KeyWithOrigins(text);
        var at = keyed.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return new Snippet(Tidy(text.Length > 2 * SnippetContext ? text[..(2 * SnippetContext)] + "…" : text), "", "");
        }

        // The match runs up to where the next key character came from, so it keeps a letter's accents, the "h" of a
        // "ch" and the second half of a surrogate pair.
        var start = origins[at];
        var end = at + key.Length < origins.Length ? origins[at + key.Length] : text.Length;
        while (end > start + 1 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var from = Math.Max(0, start - SnippetContext);
        var to = Math.Min(text.Length, end + SnippetContext);
        if (from > 0)
        {
            var space = text.IndexOf(' ', from, start - from);
            from = space < 0 ? from : space + 1;
        }

        if (to < text.Length)
        {
            var space = text.LastIndexOf(' ', to - 1, to - end);
            to = space < 0 ? to : space;
        }

        return new Snippet(
            (from > 0 ? "…" : "") + Tidy(text[from..start]),
            Tidy(text[start..end]),
            Tidy(text[end..to]) + (to < text.Length ? "…" : ""));
    }

    private static string Tidy(string text) => Whitespace().Replace(text, " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
