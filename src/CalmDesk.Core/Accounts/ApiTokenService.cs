using System.Security.Cryptography;
using System.Text;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Accounts;

/// Issues and checks API tokens. The secret is shown once; the database keeps its hash.
internal sealed class ApiTokenService(CalmDeskDbContext db, TimeProvider clock)
{
    private const string TokenPrefix = "cdk_";

    public async Task<string> IssueAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        var secret = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..12],
            Hash = HashOf(secret),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// Returns the user id the token belongs to, or null when it is unknown or revoked.
    public async Task<string?> ValidateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = HashOf(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // Record use at most once a minute so a busy script does not turn every read into a write.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return token.UserId;
    }

    private static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
