using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using CalmDesk.Playbooks;

namespace CalmDesk.Receivables;

internal enum LatePayerKind
{
    /// Holding back payment over a complaint: open cases or angry complaints around the invoices.
    Protesting,

    /// Short of money: messages about cash flow, instalments, more time, without a complaint behind them.
    Struggling,

    /// Nothing in the messages says why: follow the collection plan.
    Unclear,
}

/// One piece of evidence for the verdict: a case or a message, what it showed, and when.
internal sealed record LatePayerSignal(string Kind, string Text, int? CaseId, long? InteractionId, DateTimeOffset At);

internal sealed record LatePayer(
    int CustomerId, string Company, string Language, string? RepName, LatePayerKind Kind, decimal Overdue, string Currency, int OldestDays,
    IReadOnlyList<string> Invoices, IReadOnlyList<LatePayerSignal> Signals, string NextMove, Letter Draft);

/// Tells a customer who withholds payment in protest from one who is struggling, from what they wrote and the cases
/// they have open around the time of the overdue invoices. Every verdict comes with the cases and messages behind it.
internal static class LatePayers
{
    /// Situations that mean "something went wrong on your side", the usual reasons for holding back a payment.
    public static readonly IReadOnlySet<string> Complaints = new HashSet<string>(
        new[]
        {
            Situation.WrongDelivery, Situation.BillingDispute, Situation.RefundDemand, Situation.LateResponseComplaint,
            Situation.CredibilityChallenge, Situation.PriceObjection,
        }.Select(s => s.Name()),
        StringComparer.Ordinal);

    /// How far before the oldest overdue invoice's issue date messages still count.
    public const int WindowDays = 30;

    public sealed record CaseFacts(int Id, string Title, string Situations, DateTimeOffset UpdatedAt);

    public sealed record MessageFacts(long Id, string? Subject, string Body, DateTimeOffset At, AngerLevel Anger, string Situations);

    /// The open cases and the analysed inbound messages (from <paramref name="since"/>) of these customers.
    public static async Task<(ILookup<int, CaseFacts> Cases, ILookup<int, MessageFacts> Messages)> LoadFactsAsync(
        CalmDeskDbContext db, IReadOnlyCollection<int> customerIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var cases = (await db.Cases.AsNoTracking()
            .Where(Case.Active).Where(c => customerIds.Contains(c.CustomerId))
            .Select(c => new { c.CustomerId, Facts = new CaseFacts(c.Id, c.Title, c.Situations, c.UpdatedAt) })
            .ToListAsync(cancellationToken)).ToLookup(c => c.CustomerId, c => c.Facts);
        var messages = (await db.Interactions.AsNoTracking()
            .Where(i => customerIds.Contains(i.CustomerId) && i.Direction == Direction.Inbound && i.Analysis != null)
            .Select(i => new { i.CustomerId, i.Id, i.Subject, i.Body, i.OccurredAt, i.Analysis!.AngerLevel, i.Analysis.Situations })
            .ToListAsync(cancellationToken))
            .Where(m => m.OccurredAt >= since)
            .ToLookup(m => m.CustomerId, m => new MessageFacts(m.Id, m.Subject, m.Body, m.OccurredAt, m.AngerLevel, m.Situations));
        return (cases, messages);
    }

    public static (LatePayerKind Kind, IReadOnlyList<LatePayerSignal> Signals) Diagnose(IEnumerable<CaseFacts> openCases, IEnumerable<MessageFacts> inbound)
    {
        var protest = new List<LatePayerSignal>();
        var difficulty = new List<LatePayerSignal>();
        foreach (var item in openCases)
        {
            var situations = Case.Split(item.Situations);
            // A case that is only about paying late is the payment problem itself, not a reason for it.
            if (situations.Count == 0 || situations.Any(s => s != "payment_delay"))
            {
                protest.Add(new LatePayerSignal("open_case", item.Title, item.Id, null, item.UpdatedAt));
            }
        }

        foreach (var message in inbound)
        {
            var situations = Case.Split(message.Situations);
            var complaint = situations.Where(Complaints.Contains).ToList();
            var text = Excerpts.Line(message.Subject ?? message.Body, 120);
            if (complaint.Count > 0 || message.Anger >= AngerLevel.Angry)
            {
                protest.Add(new LatePayerSignal(complaint.Count > 0 ? "complaint:" + string.Join(',', complaint) : "anger", text, null, message.Id, message.At));
            }
            else if (situations.Contains("payment_delay"))
            {
                difficulty.Add(new LatePayerSignal("cash_flow", text, null, message.Id, message.At));
            }
        }

        // The customer's latest word decides between the two: a cash-flow message newer than any complaint means money
        // is the problem now, even with an old case still open; otherwise any complaint or open case means protest.
        var latestComplaint = protest.Where(p => p.InteractionId is not null).Select(p => p.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var kind = difficulty.Count > 0 && difficulty.Max(d => d.At) > latestComplaint ? LatePayerKind.Struggling
            : protest.Count > 0 ? LatePayerKind.Protesting
            : difficulty.Count > 0 ? LatePayerKind.Struggling
            : LatePayerKind.Unclear;
        return (kind, [.. protest.Concat(difficulty).OrderByDescending(s => s.At)]);
    }
}
