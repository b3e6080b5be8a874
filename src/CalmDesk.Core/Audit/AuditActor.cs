namespace CalmDesk.Audit;

/// The signed-in person, as the host knows them (the web host reads the request's user); null when nobody is signed in.
internal interface ISignedInActor
{
    (string UserId, string Name)? Current { get; }
}

/// <summary>Who is acting in this scope, for the audit log: the signed-in user when the host knows one, otherwise the
/// scope's origin (the background services, or the command line when the program runs one).</summary>
internal sealed class AuditActor(AuditActor.Origin origin, ISignedInActor? signedIn = null)
{
    public const string System = "@system";

    public const string CommandLine = "@command-line";

    /// What a scope with no signed-in user is: registered once by the host.
    public sealed record Origin(string Name);

    public string? UserId => signedIn?.Current?.UserId;

    public string Name => signedIn?.Current is { } user ? (user.Name.Length > 320 ? user.Name[..320] : user.Name) : origin.Name;
}
