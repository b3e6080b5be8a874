using Microsoft.Extensions.Options;

namespace CalmDesk.Interactions;

/// <summary>How sure the analysis must be before CalmDesk acts on a message (`Analysis:` in appsettings.json or the
/// environment, e.g. `Analysis__OpenCase=0.35`). The analysis gives calibrated probabilities and decides nothing;
/// each action sets its own bar, because a wrong decision costs a different price for each.</summary>
internal sealed class AnalysisThresholds
{
    public static AnalysisThresholds Default { get; } = new();

    /// <summary>The configured thresholds, or the defaults for a service built without configuration (tests, tools).</summary>
    public static AnalysisThresholds Of(IOptions<AnalysisThresholds>? options) => options?.Value ?? Default;

    /// <summary>The anger probability from which a customer's message opens a case (or joins the open one). Low on
    /// purpose: an angry customer nobody follows up costs far more than a case a rep closes in a click.</summary>
    public double OpenCase { get; set; } = 0.4;

    /// <summary>The abuse probability from which abuse aimed at staff is recorded as an incident without anyone asking.
    /// High on purpose: an incident is a record against a customer and counts towards the rep's line and hand-overs,
    /// so a wrong one is unfair; a rep can still record one by hand. At least 0.5, where abuse counts as aimed at staff.</summary>
    public double AbuseIncident { get; set; } = 0.7;

    /// <summary>The score from which a threat or a problem situation opens a case (or joins one). The analysis lists each
    /// finding from its own threshold, chosen for the best F1 (mostly 0.3 to 0.4), so a rep sees it on the message; a case
    /// asks for more, since it also pauses the customer's payment reminders when it is a complaint.</summary>
    public double OpenCaseFinding { get; set; } = 0.5;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        OpenCase is <= 0 or >= 1 ? $"Analysis:OpenCase must be between 0 and 1 (exclusive), not {OpenCase}."
        : AbuseIncident is < 0.5 or >= 1 ? $"Analysis:AbuseIncident must be at least 0.5 and below 1, not {AbuseIncident}."
        : OpenCaseFinding is <= 0 or >= 1 ? $"Analysis:OpenCaseFinding must be between 0 and 1 (exclusive), not {OpenCaseFinding}."
        : null;
}
