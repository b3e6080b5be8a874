using System.Text.Json;

namespace CalmDesk.Analysis;

/// <summary>What a message is about, as docs/analysis-labels.md defines each. Written in results and stored as its
/// <see cref="Kinds.Name(Situation)"/> ("wrong_delivery").</summary>
public enum Situation
{
    /// <summary>Wrong, missing, damaged or late goods, or a service not performed as agreed.</summary>
    WrongDelivery,

    /// <summary>An invoice or charge the customer says is wrong.</summary>
    BillingDispute,

    /// <summary>The price is too high, or a rise is refused.</summary>
    PriceObjection,

    /// <summary>Refusing a new process, system or way of working.</summary>
    ChangeResistance,

    /// <summary>Doubting the rep's or the company's competence, experience or honesty.</summary>
    CredibilityChallenge,

    /// <summary>Paying late, asking for time or instalments.</summary>
    PaymentDelay,

    /// <summary>Asking for what cannot be done: impossible times, free everything.</summary>
    UnrealisticDemand,

    /// <summary>Asking for something dishonest or against the rules.</summary>
    UnethicalRequest,

    /// <summary>Asking beyond the written terms: outside hours, without the deposit, extra work for free.</summary>
    BoundaryRequest,

    /// <summary>Wanting money back.</summary>
    RefundDemand,

    /// <summary>Complaining that nobody answers, or answers late.</summary>
    LateResponseComplaint,

    /// <summary>Thanks and compliments.</summary>
    Praise,
}

/// <summary>What a customer threatens to do.</summary>
public enum ThreatKind
{
    /// <summary>Lawyers, courts, formal complaints to an authority.</summary>
    Legal,

    /// <summary>Leaving, cancelling, moving the business elsewhere.</summary>
    Churn,

    /// <summary>Reviews, social media, the press.</summary>
    Public,

    /// <summary>Going over the rep's head.</summary>
    Escalation,
}

/// <summary>The kinds of abuse.</summary>
public enum AbuseKind
{
    /// <summary>Name-calling and contempt.</summary>
    Insult,

    /// <summary>Swearing.</summary>
    Profanity,

    /// <summary>Threatening harm to a person.</summary>
    ThreatOfViolence,

    /// <summary>Sexual or personal harassment, intimidation, threats to someone's job.</summary>
    Harassment,

    /// <summary>Attacks on origin, gender, religion, age or the like.</summary>
    Discriminatory,
}

/// <summary>The names the kinds have in results, storage and the API ("wrong_delivery", "threat_of_violence"), and
/// every kind in order: the one list the rest of CalmDesk reads.</summary>
public static class Kinds
{
    /// <summary>Every situation, in declaration order.</summary>
    public static IReadOnlyList<Situation> Situations { get; } = Enum.GetValues<Situation>();

    /// <summary>Every threat, in declaration order.</summary>
    public static IReadOnlyList<ThreatKind> Threats { get; } = Enum.GetValues<ThreatKind>();

    /// <summary>Every kind of abuse, in declaration order.</summary>
    public static IReadOnlyList<AbuseKind> AbuseKinds { get; } = Enum.GetValues<AbuseKind>();

    private static readonly string[] SituationNames = [.. Situations.Select(s => Snake(s.ToString()))];
    private static readonly string[] ThreatNames = [.. Threats.Select(t => Snake(t.ToString()))];
    private static readonly string[] AbuseNames = [.. AbuseKinds.Select(k => Snake(k.ToString()))];

    /// <summary>The situation's name, e.g. "wrong_delivery".</summary>
    /// <param name="situation">A situation.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Name(this Situation situation) => SituationNames[(int)situation];

    /// <summary>The threat's name, e.g. "legal".</summary>
    /// <param name="threat">A threat.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Name(this ThreatKind threat) => ThreatNames[(int)threat];

    /// <summary>The abuse kind's name, e.g. "threat_of_violence".</summary>
    /// <param name="kind">A kind of abuse.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Name(this AbuseKind kind) => AbuseNames[(int)kind];

    /// <summary>The situation a name stands for.</summary>
    /// <param name="name">A snake_case name, e.g. "wrong_delivery".</param>
    /// <param name="situation">The situation, when known.</param>
    /// <returns>Whether the name is a situation's.</returns>
    public static bool TryParse(string? name, out Situation situation) => TryFind(SituationNames, name, out situation);

    /// <summary>The threat a name stands for.</summary>
    /// <param name="name">A snake_case name, e.g. "legal".</param>
    /// <param name="threat">The threat, when known.</param>
    /// <returns>Whether the name is a threat's.</returns>
    public static bool TryParse(string? name, out ThreatKind threat) => TryFind(ThreatNames, name, out threat);

    /// <summary>The kind of abuse a name stands for.</summary>
    /// <param name="name">A snake_case name, e.g. "insult".</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns>Whether the name is a kind of abuse.</returns>
    public static bool TryParse(string? name, out AbuseKind kind) => TryFind(AbuseNames, name, out kind);

    private static bool TryFind<T>(string[] names, string? name, out T value)
        where T : struct, Enum
    {
        var index = name is null ? -1 : Array.IndexOf(names, name);
        value = index >= 0 ? (T)(object)index : default;
        return index >= 0;
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
