using System.Security.Cryptography;
using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CalmDesk.Accounts;

/// Issues and checks API tokens. The secret is shown once; the database keeps its hash.
internal sealed class ApiTokenService(CalmDeskDbContext db, TimeProvider clock, ILogger<ApiTokenService>? log = null, ApiTokenCache? cache = null)
{
    private const string TokenPrefix = "cdk_";

    /// The lifetimes a user may choose, in days (the page offers them; the CLI takes any of 1 to 730).
    public static readonly IReadOnlyList<int> Lifetimes = [30, 90, 365];

    public const int MaxLifetimeDays = 730;

    private readonly ILogger _log = log ?? NullLogger<ApiTokenService>.Instance;

    public async Task<string> IssueAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        await IssueAsync(userId, name, null, cancellationToken);

    /// A new token; with a number of days it is refused after them.
    public async Task<string> IssueAsync(string userId, string name, int? days, CancellationToken cancellationToken = default)
    {
        var secret = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..12],
            Hash = HashOf(secret),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = days is { } lifetime ? clock.GetUtcNow().AddDays(lifetime) : null,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// Returns the user id the token belongs to, or null when it is unknown, revoked or expired.
    public async Task<string?> ValidateAsync(string secret, CancellationToken cancellationToken = default) =>
        (await OwnerAsync(secret, null, cancellationToken))?.UserId;

    /// The user a token belongs to, read with the token in one query, or null when the token is unknown, revoked or
    /// expired (a deactivated owner is returned, marked, for the caller to refuse). Notes the address it is used from: a
    /// use from a new address is logged as a security event. A token found valid from the same address a few seconds
    /// ago is answered from memory (<see cref="ApiTokenCache"/>).
    public async Task<TokenOwner?> OwnerAsync(string secret, string? address, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = HashOf(secret);
        if (cache?.Find(hash, address) is { } known)
        {
            return known;
        }

        var found = await db.ApiTokens.Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { Token = t, t.User!.LockoutEnd, t.User.SecurityStamp, t.User.ConcurrencyStamp })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var token = found.Token;
        var now = clock.GetUtcNow();
        if (token.ExpiresAt is { } expires && expires <= now)
        {
            return null;
        }

        var moved = address is not null && address != token.LastUsedFrom;
        if (moved && token.LastUsedFrom is not null)
        {
            _log.LogWarning(new EventId(4005, "TokenNewAddress"), "API token {TokenId} of user {UserId} used from {Address}, before from {Previous}",
                token.Id, token.UserId, address, token.LastUsedFrom);
        }

        // Record use at most once a minute (or when the address changes) so a busy script does not turn every read into a write.
        if (moved || token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            token.LastUsedFrom = address ?? token.LastUsedFrom;
            await db.SaveChangesAsync(cancellationToken);
        }

        var owner = new TokenOwner(token.UserId, CalmDeskUser.Deactivated(found.LockoutEnd), found.SecurityStamp + "|" + found.ConcurrencyStamp);
        cache?.Keep(hash, owner, token.ExpiresAt, address);
        return owner;
    }

    public const int MaxNameLength = 100;

    /// A user's own tokens, newest first: what each is called, how it starts, when it was made and last used.
    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt) { ExpiresAt = t.ExpiresAt, LastUsedFrom = t.LastUsedFrom })
            .ToListAsync(cancellationToken);

    /// A new token for the user, named by them; the secret is in the outcome, and nowhere else, ever again.
    public Task<(string? Secret, IReadOnlyDictionary<string, string[]> Errors)> CreateAsync(string userId, string? name, CancellationToken cancellationToken = default) =>
        CreateAsync(userId, name, null, cancellationToken);

    /// As above, lasting the given number of days (1 to 730), or until stopped when null.
    public async Task<(string? Secret, IReadOnlyDictionary<string, string[]> Errors)> CreateAsync(string userId, string? name, int? days, CancellationToken cancellationToken = default)
    {
        if (days is < 1 or > MaxLifetimeDays)
        {
            return (null, new Dictionary<string, string[]>
            {
                ["days"] = [Localization.Messages.Format("A token lasts from 1 to {0} days, or until it is stopped.", MaxLifetimeDays)],
            });
        }

        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return (null, new Dictionary<string, string[]>
            {
                ["name"] = [Localization.Messages.Format("Give the token a name of 1 to {0} characters, to recognise it by.", MaxNameLength)],
            });
        }

        return (await IssueAsync(userId, trimmed, days, cancellationToken), new Dictionary<string, string[]>());
    }

    /// Stops one of the user's own tokens; another user's token, or one already stopped, is left alone (false). Saved
    /// through the context, so the audit log shows who stopped which token and when, as it shows who made it.
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// A token as its owner sees it: never the secret, only how it starts.
internal sealed record ApiTokenView(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public DateTimeOffset? ExpiresAt { get; init; }

    public string? LastUsedFrom { get; init; }
}

/// <summary>Who an API token speaks for.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Deactivated">The owner was deactivated: the token must be refused.</param>
/// <param name="Stamp">Changes whenever the owner's roles, password, name or settings change (Identity's security and
/// concurrency stamps), so a principal built for one stamp can be reused until it changes.</param>
internal sealed record TokenOwner(string UserId, bool Deactivated, string Stamp);
