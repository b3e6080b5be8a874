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

    /// The abuse words of the message, quoted: what the incident rests on.
    public static string EvidenceOf(Interaction interaction)
    {
        var spans = interaction.Analysis?.ReadDetails()?.Evidence
            .Where(e => e.Label.StartsWith("abuse:", StringComparison.Ordinal) && e.Offset >= 0 && e.Offset + e.Length <= interaction.Body.Length)
            .OrderBy(e => e.Offset)
            .Select(e => string.Concat("\u201c", interaction.Body.AsSpan(e.Offset, e.Length), "\u201d"))
            .Distinct()
            .ToList() ?? [];
        return Excerpts.Fit(string.Join(" · ", spans), AbuseIncident.MaxEvidenceLength);
    }

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

        var assigned = await db.Customers.Where(c => c.Id == interaction.CustomerId).Select(c => c.AssignedRepId).FirstOrDefaultAsync(cancellationToken);
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
