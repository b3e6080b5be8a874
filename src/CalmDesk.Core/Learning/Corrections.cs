using CalmDesk.Analysis;
using CalmDesk.Analysis.Training;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Learning;

/// Keeps every correction of the analysis as a labelled example, in the same transaction as the correction itself:
/// the caller adds it to the context and saves both together.
internal static class Corrections
{
    /// The anger level of a message, set by hand: replaces an earlier anger correction of the same message.
    public static async Task AngerAsync(CalmDeskDbContext db, Interaction interaction, AngerLevel level, string byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Removed through the context, so the old example goes only if the new one is saved with it.
        db.AnalysisCorrections.RemoveRange(await db.AnalysisCorrections
            .Where(c => c.InteractionId == interaction.Id && c.Source == CorrectionSource.AngerLevel).ToListAsync(cancellationToken));
        Add(db, interaction, CorrectionSource.AngerLevel, byUserId, now, new Dictionary<string, bool>
        {
            [Questions.Annoyed] = level >= AngerLevel.Annoyed,
            [Questions.Angry] = level >= AngerLevel.Angry,
            [Questions.Furious] = level == AngerLevel.Furious,
        });
    }

    /// A detected incident that was not abuse at our people: the message's words were not aimed at staff.
    public static void WronglyDetected(CalmDeskDbContext db, Interaction interaction, string byUserId, DateTimeOffset now) =>
        Add(db, interaction, CorrectionSource.WronglyDetected, byUserId, now, new Dictionary<string, bool> { [Questions.AbuseAtStaff] = false });

    /// An incident recorded by hand: what the rep quoted is abuse aimed at them, of these kinds (the others unanswered:
    /// a rep naming one kind does not say the words are free of another).
    public static void ManualIncident(CalmDeskDbContext db, AbuseIncident incident, string byUserId, DateTimeOffset now)
    {
        var labels = new Dictionary<string, bool> { [Questions.Abuse] = true, [Questions.AbuseAtStaff] = true };
        foreach (var kind in incident.KindList)
        {
            if (Kinds.TryParse(kind, out AbuseKind parsed))
            {
                labels[Questions.Of(parsed)] = true;
            }
        }

        Add(db, incident.CustomerId, null, incident.Evidence, CorrectionSource.ManualIncident, byUserId, now, labels);
    }

    /// A case whose situations changed by hand: a removed situation was in none of the messages the analysis found it in;
    /// an added one was in the message, when the case has only one (with several, nobody said which one it was in).
    public static async Task CaseRelabelAsync(
        CalmDeskDbContext db, int caseId, IReadOnlyCollection<string> before, IReadOnlyCollection<string> after, string byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = Parse(after.Except(before));
        var removed = Parse(before.Except(after));
        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var messages = await db.Interactions.Where(i => i.CaseId == caseId && i.Direction != Direction.Outbound)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).Take(200).ToListAsync(cancellationToken);
        for (var m = 0; m < messages.Count; m++)
        {
            var labels = new Dictionary<string, bool>();
            if (messages.Count == 1)
            {
                added.ForEach(s => labels[Questions.Of(s)] = true);
            }

            var found = messages[m].Analysis?.Situations.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            removed.Where(s => found.Contains(s.Name())).ToList().ForEach(s => labels[Questions.Of(s)] = false);
            if (labels.Count > 0)
            {
                Add(db, messages[m], CorrectionSource.CaseRelabel, byUserId, now, labels);
            }
        }
    }

    private static void Add(CalmDeskDbContext db, Interaction interaction, CorrectionSource source, string byUserId, DateTimeOffset now, Dictionary<string, bool> labels) =>
        Add(db, interaction.CustomerId, interaction, interaction.Body, source, byUserId, now, labels);

    private static void Add(
        CalmDeskDbContext db, int customerId, Interaction? interaction, string text, CorrectionSource source, string byUserId, DateTimeOffset now, Dictionary<string, bool> labels)
    {
        var kept = Excerpts.Cut(text, AnalysisCorrection.MaxTextLength);
        db.AnalysisCorrections.Add(new AnalysisCorrection
        {
            CustomerId = customerId, Interaction = interaction, Source = source, Text = kept, HeldOut = ModelRetraining.IsHeldOut(kept),
            LabelMap = labels, ByUserId = byUserId, CreatedAt = now,
        });
    }

    private static List<Situation> Parse(IEnumerable<string> names) =>
        [.. names.Select(n => Kinds.TryParse(n, out Situation s) ? s : (Situation?)null).OfType<Situation>()];
}
