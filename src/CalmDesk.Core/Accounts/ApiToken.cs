namespace CalmDesk.Accounts;

/// A bearer token for scripts. Only a SHA-256 hash of the secret is stored.
internal sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public CalmDeskUser? User { get; set; }

    public required string Name { get; set; }

    /// The first characters of the token, shown in listings so a user can tell tokens apart.
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// After this the token is refused; null: it lasts until stopped.
    public DateTimeOffset? ExpiresAt { get; set; }

    /// The address it was last used from; a use from another one is logged as a security event.
    public string? LastUsedFrom { get; set; }
}
