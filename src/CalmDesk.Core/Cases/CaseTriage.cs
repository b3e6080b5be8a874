using CalmDesk.Campaigns;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Cases;

/// Decides, as a message is stored, whether it is about a problem: an angry or abusive message, or one with a
/// situation, joins the customer's open case on the same problem, or opens a new one.
internal static class CaseTriage
{
    /// Situations that are good news, not problems: they never open a case.
    private static readonly HashSet<string> NotProblems = new(StringComparer.Ordinal) { "praise" };

    /// Situations that say how the customer sees us rather than name a problem of their own ("you are incompetent",
    /// "nobody answers me"): they belong to the problem already open, as anger without a situation does.
    private static readonly HashSet<string> Reactions = new(StringComparer.Ordinal) { "credibility_challenge", "late_response_complaint" };

    /// Whether these situations name no problem of their own (none, or only reactions to us).
    public static bool OnlyReactions(IEnumerable<string> situations) => situations.All(Reactions.Contains);

    /// Whether these situations name no matter of their own: none, reactions to us, or good news ("thanks for letting
    /// us know").
    public static bool OnlyReactionsOrGoodNews(IEnumerable<string> situations) => situations.All(s => Reactions.Contains(s) || NotProblems.Contains(s));

    /// The problem situations sure enough for a case (Analysis:OpenCaseFinding), and whether a threat is.
    public static (bool Threat, IReadOnlyList<string> Situations) CaseFindings(MessageAnalysis analysis, AnalysisThresholds thresholds)
    {
        if (analysis.Threats.Length == 0 && analysis.Situations.Length == 0)
        {
            return (false, []);
        }

        // The scores are in the stored details; an analysis stored without them counts every finding it lists.
        var details = analysis.ReadDetails();
        var threat = details?.Threats is { } threats
            ? threats.Any(t => t.Score >= thresholds.OpenCaseFinding)
            : analysis.Threats.Length > 0;
        IEnumerable<string> situations = details?.Situations is { } found
            ? found.Where(s => s.Score >= thresholds.OpenCaseFinding).Select(s => s.Kind)
            : analysis.Situations.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return (threat, [.. situations.Where(s => !NotProblems.Contains(s))]);
    }

    /// A customer's message needs a case when it is angry enough (the installation's threshold), abusive to staff, or
    /// threatens or raises a problem with a score the installation finds sure enough (<paramref name="findings"/>).
    private static bool NeedsCase(MessageAnalysis analysis, AnalysisThresholds thresholds, (bool Threat, IReadOnlyList<string> Situations) findings) =>
        analysis.AngerScore >= thresholds.OpenCase || analysis.AbuseTargeted || findings.Threat || findings.Situations.Count > 0;

    /// Attaches the (not yet saved) interaction to a case when it needs one; returns the case (and the call-back a reply
    /// to a price announcement led to), or nulls. Only <see cref="MessageIntake"/> calls it.
    public static async Task<Triage> AssignAsync(
        CalmDeskDbContext db, Interaction interaction, AnalysisThresholds thresholds, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        // Our own replies never need a case.
        if (interaction is not { CaseId: null, Case: null, Direction: not Direction.Outbound, Analysis: { } analysis })
        {
            return default;
        }

        // Read once: the scores come from the stored details.
        var findings = CaseFindings(analysis, thresholds);
        if (!NeedsCase(analysis, thresholds, findings))
        {
            return default;
        }

        var situations = findings.Situations.ToList();
        // A reply to a price announcement is about the price, even when its words alone do not say so.
        var announcement = await CampaignReplies.AnsweredAsync(db, interaction, cancellationToken);
        // Whether it answers the letter reads what the message lists, as the campaign's page of replies does.
        if (announcement is not null && !CampaignReplies.Answers(interaction.Subject, announcement.Subject, Case.Split(analysis.Situations)))
        {
            announcement = null;
        }

        if (announcement is not null && CampaignReplies.SituationFor(situations) is { } implied)
        {
            situations.Add(implied);
        }

        // Cases added earlier in the same unit of work (an import batch, the demo) count as well as stored ones.
        var active = db.Cases.Local.Where(c => c.CustomerId == interaction.CustomerId && c.IsActive).ToList();
        active.AddRange(await db.Cases
            .Where(Case.Active).Where(c => c.CustomerId == interaction.CustomerId)
            .ToListAsync(cancellationToken));
        var candidates = active.Distinct().OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).ToList();
        // Same problem: a shared situation; a message with anger but no situation of its own (none, or only a reaction
        // to us) belongs to the latest open problem.
        var match = OnlyReactions(situations)
            ? candidates.FirstOrDefault()
            : candidates.FirstOrDefault(c => c.SituationList.Intersect(situations, StringComparer.Ordinal).Any());
        var opened = match is null;
        if (match is null)
        {
            match = new Case
            {
                CustomerId = interaction.CustomerId,
                Title = TitleFor(interaction),
                OpenedAt = interaction.OccurredAt,
                UpdatedAt = interaction.OccurredAt,
            };
            db.Cases.Add(match);
        }

        match.Situations = Case.Join([.. match.SituationList, .. situations]);
        if (interaction.OccurredAt > match.UpdatedAt)
        {
            match.UpdatedAt = interaction.OccurredAt;
        }

        if (interaction.OccurredAt < match.OpenedAt)
        {
            match.OpenedAt = interaction.OccurredAt;
        }

        interaction.Case = match;
        var promise = announcement is null ? null : await CampaignReplies.FollowUpAsync(db, announcement, match, interaction, zone, cancellationToken);
        return new Triage(match, opened, promise);
    }

    /// What triage did with a message: the case it joined or opened, and the promise it made.
    public readonly record struct Triage(Case? Case, bool Opened, Commitment? Promise);

    public static string TitleFor(Interaction interaction)
    {
        var text = interaction.Subject is { Length: > 0 } subject ? Subjects.Strip(subject) : interaction.Body.Trim();
        var firstLine = text.Split('\n', 2)[0].Trim();
        if (firstLine.Length == 0)
        {
            firstLine = interaction.Channel.ToString();
        }

        return Excerpts.Shorten(firstLine, 80);
    }
}
