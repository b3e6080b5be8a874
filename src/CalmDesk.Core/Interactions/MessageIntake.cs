using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Incidents;
using CalmDesk.Learning;
using CalmDesk.Reps;
using Microsoft.Extensions.Options;

namespace CalmDesk.Interactions;

/// <summary>
/// The one way in: every message that arrives — through the API or a page, a CSV or mail import, a connected mailbox, or
/// the demo — is analysed with the installation's model, gets its abuse incident (and the hand-over that may follow),
/// is triaged into a case, and a reply to a price announcement gets its call-back. The caller saves. Without a model (the
/// demo) the shipped one reads the message.
/// </summary>
internal sealed class MessageIntake(
    CalmDeskDbContext db, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null, IOptions<Receivables.ReceivablesOptions>? business = null)
{
    private readonly AnalysisThresholds limits = AnalysisThresholds.Of(thresholds);

    // The business's time zone: a call-back promised after an angry reply counts the hours it is open.
    private readonly TimeZoneInfo zone = Receivables.ReceivablesOptions.ZoneOf(business);

    /// <summary>Analyses, triages and adds the (not yet saved) interaction to the unit of work; returns what that did.</summary>
    public async Task<IntakeResult> AcceptAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        InteractionAnalysis.Apply(interaction, interaction.CreatedAt, ActiveModel.Of(model));
        var (incident, handover) = await IncidentRecorder.RecordAsync(db, interaction, limits, cancellationToken);
        var triage = await CaseTriage.AssignAsync(db, interaction, limits, zone, cancellationToken);
        db.Interactions.Add(interaction);
        return new IntakeResult(interaction, triage.Case ?? interaction.Case, triage.Opened, incident, handover, triage.Promise);
    }
}

/// <summary>What <see cref="MessageIntake"/> did with one message.</summary>
/// <param name="Interaction">The stored message, analysed.</param>
/// <param name="Case">The case it joined or opened, if any (also one given by the caller).</param>
/// <param name="OpenedCase">Whether that case is new.</param>
/// <param name="Incident">The abuse incident recorded from it, if its words were aimed at our people.</param>
/// <param name="Handover">The hand-over suggested because the incident crossed the rep's line.</param>
/// <param name="Promise">The call-back promised because of it (an angry reply to a price announcement).</param>
internal sealed record IntakeResult(
    Interaction Interaction, Case? Case, bool OpenedCase, AbuseIncident? Incident, Handover? Handover, Commitment? Promise);
