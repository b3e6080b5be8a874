namespace CalmDesk.Accounts;

/// The event ids of what a security review reads in the log: failed sign-ins, lockouts, sign-ins refused for too many
/// attempts from one address, sign-outs, an account at a sign-in provider linked to a user.
internal static class SecurityEvents
{
    public static readonly EventId SignInFailed = new(4001, nameof(SignInFailed));
    public static readonly EventId LockedOut = new(4002, nameof(LockedOut));
    public static readonly EventId Throttled = new(4003, nameof(Throttled));
    public static readonly EventId SignedOut = new(4004, nameof(SignedOut));
    public static readonly EventId ExternalLinked = new(4005, nameof(ExternalLinked));
}
