using CalmDesk.Customers;
using CalmDesk.Interactions;
using CalmDesk.Reps;

namespace CalmDesk.Incidents;

internal enum IncidentSeverity
{
    /// Rudeness or profanity aimed at the rep.
    Low,

    /// A strong personal insult.
    Medium,

    /// A threat of violence, harassment or discrimination.
    High,
}

internal enum IncidentSource
{
    /// Found by the analysis in a message or call note.
    Detected,

    /// Recorded by hand, for a call nobody wrote down word for word.
    Manual,
}

/// Abuse aimed at one of our people: which customer, which rep took it, how bad, and the words that show it. A rep
/// may mark a detected incident as wrongly detected; it is kept (for the quality report) but no longer counts.
internal sealed class AbuseIncident : Health.ICustomerRecord
{
    public const int MaxEvidenceLength = 1000;

    public int Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// The message it was found in; unique, so a message yields one incident however often it is triaged.
    public long? InteractionId { get; set; }

    public Interaction? Interaction { get; set; }

    /// The rep who took it: the customer's rep when the message came in, or who logged the call.
    public int? RepId { get; set; }

    public Rep? Rep { get; set; }

    public IncidentSeverity Severity { get; set; }

    /// Comma-separated abuse kinds: insult, profanity, threat_of_violence, harassment, discriminatory.
    public string Kinds { get; set; } = "";

    /// The words that show it, quoted from the message (or the rep's account of the call).
    public string Evidence { get; set; } = "";

    public IncidentSource Source { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public bool WronglyDetected { get; set; }

    public DateTimeOffset? MarkedAt { get; set; }

    public string? MarkedByUserId { get; set; }

    public string? Note { get; set; }

    public IReadOnlyList<string> KindList => ListOf(Kinds);

    /// The kinds in a list as stored (comma-separated).
    public static string[] ListOf(string kinds) => kinds.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// What a rep accepts before an account should move to a colleague: how many incidents from one customer in 30
/// days, and the kinds never accepted at all. Private to the rep and their managers.
internal sealed class RepTolerance
{
    public const int DefaultMaxIn30Days = 3;

    public const string DefaultNever = "discriminatory";

    public static readonly IReadOnlyList<string> Kinds = [.. Analysis.Kinds.AbuseKinds.Select(Analysis.Kinds.Name)];

    public int RepId { get; set; }

    public Rep? Rep { get; set; }

    public int MaxIn30Days { get; set; } = DefaultMaxIn30Days;

    /// Comma-separated kinds that cross the line at once.
    public string Never { get; set; } = DefaultNever;

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> NeverList => Never.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
