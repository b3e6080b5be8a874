using CalmDesk.Analysis;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Reps;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Incidents;

/// Turns abuse aimed at our people into an incident as the message is stored (inbound mail or a rep's note of a call),
/// and when that takes the customer over the rep's line, asks a manager to approve a hand-over.
internal static class IncidentRecorder
{
    private static readonly HashSet<string> Serious =
        new([AbuseKind.ThreatOfViolence.Name(), AbuseKind.Harassment.Name(), AbuseKind.Discriminatory.Name()], StringComparer.Ordinal);

    public static IncidentSeverity SeverityOf(double abuseScore, IReadOnlyCollection<string> kinds) =>
        kinds.Any(Serious.Contains) ? IncidentSeverity.High
        : kinds.Contains(AbuseKind.Insult.Name()) && abuseScore >= 0.6 ? IncidentSeverity.Medium
        : IncidentSeverity.Low;

    /// The sentences of the message the abuse is in, quoted: what the incident rests on. A sentence counts when a lexicon
    /// entry found abuse in it, or holds a word the model weighed at least half as much as its strongest one: words it
    /// leaned on a little ("siete", "people", "εταιρεία") are no reason to quote. A sentence longer than a quote should be
    /// is quoted by its abusive word alone.
    public static string EvidenceOf(Interaction interaction)
    {
        var body = interaction.Body;
        var spans = interaction.Analysis?.ReadDetails()?.Evidence
            .Where(e => e.Label.StartsWith("abuse:", StringComparison.Ordinal) && e.Weight > 0 && e.Offset >= 0 && e.Offset + e.Length <= body.Length)
            .ToList() ?? [];
        if (spans.Count == 0)
        {
            return "";
        }

        var strongest = spans.Where(e => e.Rule.StartsWith("model:", StringComparison.Ordinal)).Select(e => e.Weight).DefaultIfEmpty(0).Max();
        var quotes = spans
            .Where(e => !e.Rule.StartsWith("model:", StringComparison.Ordinal) || e.Weight >= strongest / 2)
            .Select(e => QuoteAround(body, e.Offset, e.Length))
            .OrderBy(q => q.Start)
            .Select(q => string.Concat("\u201c", body.AsSpan(q.Start, q.Length), "\u201d"))
            .Distinct()
            .ToList();
        return Excerpts.Fit(string.Join(" · ", quotes), AbuseIncident.MaxEvidenceLength);
    }

    private const int LongestQuote = 300;

    /// The sentence around a span (from the previous full stop, question or exclamation mark or line break to the next),
    /// without its outer spaces; the span alone when the sentence is too long to quote.
    internal static (int Start, int Length) QuoteAround(string body, int offset, int length)
    {
        var start = body.LastIndexOfAny(SentenceEnds, Math.Max(0, offset - 1)) is var before and >= 0 && before < offset ? before + 1 : 0;
        var end = body.IndexOfAny(SentenceEnds, offset + length) is var after and >= 0 ? after + 1 : body.Length;
        while (start < offset && char.IsWhiteSpace(body[start]))
        {
            start++;
        }

        while (end > offset + length && char.IsWhiteSpace(body[end - 1]))
        {
            end--;
        }

        return end - start <= LongestQuote ? (start, end - start) : (offset, length);
    }

    private static readonly char[] SentenceEnds = Excerpts.SentenceMarks.ToCharArray();

    /// Whether the message's abuse is aimed at staff and sure enough (the installation's threshold) to be recorded.
    public static bool IsIncident(MessageAnalysis analysis, AnalysisThresholds thresholds) =>
        analysis.AbuseTargeted && analysis.AbuseScore >= thresholds.AbuseIncident;

    /// Adds the incident for a message with abuse aimed at the rep; returns it (and the hand-over it led to), or nulls. A
    /// message stored before incidents existed gets its incident when re-analysed, without a hand-over suggestion for the old history.
    public static async Task<(AbuseIncident? Incident, Handover? Handover)> RecordAsync(
        CalmDeskDbContext db, Interaction interaction, AnalysisThresholds thresholds, CancellationToken cancellationToken, bool suggestHandover = true)
    {
        if (interaction is not { Analysis: { } analysis } || !IsIncident(analysis, thresholds) || interaction.Direction == Direction.Outbound)
        {
            return (null, null);
        }

        // A caller that read the customer already hands it over with the message: no second query then.
        var assigned = interaction.Customer is { } customer
            ? customer.AssignedRepId
            : await db.Customers.Where(c => c.Id == interaction.CustomerId).Select(c => c.AssignedRepId).FirstOrDefaultAsync(cancellationToken);
        var repId = interaction.Direction == Direction.Internal ? interaction.AuthorRepId ?? assigned : assigned;
        var kinds = analysis.AbuseKinds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var incident = new AbuseIncident
        {
            CustomerId = interaction.CustomerId, Interaction = interaction, RepId = repId, Severity = SeverityOf(analysis.AbuseScore, kinds),
            Kinds = analysis.AbuseKinds, Evidence = EvidenceOf(interaction), Source = IncidentSource.Detected,
            OccurredAt = interaction.OccurredAt, RecordedAt = interaction.CreatedAt,
        };
        db.AbuseIncidents.Add(incident);
        var handover = suggestHandover && repId is { } rep
            ? await HandoverDesk.SuggestIfCrossedAsync(db, interaction.CustomerId, rep, incident, interaction.CreatedAt, cancellationToken)
            : null;
        return (incident, handover);
    }
}
