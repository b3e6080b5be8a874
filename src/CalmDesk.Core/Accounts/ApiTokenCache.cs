using System.Collections.Concurrent;

namespace CalmDesk.Accounts;

/// <summary>API tokens this process found valid in the last few seconds (<see cref="Recheck"/>), so that a script's every
/// call does not read its token and owner from the database again. A save in this process that stops a token or changes
/// a user (roles, password, deactivation: Identity's stamps move with each) forgets that user's tokens at once
/// (<see cref="Data.CalmDeskDbContext"/> tells it); another instance, or the command line beside a running server, is
/// heard within <see cref="Recheck"/>, as a sign-in cookie is within Security:SessionCheckSeconds. A token used from
/// another address, or past its expiry, is always looked up again. Only tokens found valid are kept, so unknown secrets
/// cannot fill it.</summary>
internal sealed class ApiTokenCache(TimeProvider clock)
{
    /// <summary>How long a token found valid is believed without asking the database again (Security:TokenCheckSeconds);
    /// zero asks on every call.</summary>
    public TimeSpan Recheck { get; set; } = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Users whose tokens were forgotten, and when: for one Recheck after it nothing of theirs is kept, so a lookup that
    // read the database before the change was committed (or before it was saved) cannot keep the old state.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _forgotten = new(StringComparer.Ordinal);

    private sealed record Entry(TokenOwner Owner, DateTimeOffset? ExpiresAt, string? Address, DateTimeOffset CheckedAt);

    /// <summary>The owner of the token with this hash, when it was found valid from this address less than
    /// <see cref="Recheck"/> ago and has not expired since; otherwise null (ask the database).</summary>
    public TokenOwner? Find(string hash, string? address)
    {
        if (Recheck <= TimeSpan.Zero || !_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (now - entry.CheckedAt >= Recheck || now < entry.CheckedAt || entry.ExpiresAt <= now || (address is not null && address != entry.Address))
        {
            return null;
        }

        return entry.Owner;
    }

    /// <summary>Keeps what a lookup found, unless its owner changed less than <see cref="Recheck"/> ago.</summary>
    public void Keep(string hash, TokenOwner owner, DateTimeOffset? expiresAt, string? address)
    {
        var now = clock.GetUtcNow();
        if (Recheck <= TimeSpan.Zero || owner.Deactivated || Changed(owner.UserId, now))
        {
            return;
        }

        var entry = new Entry(owner, expiresAt, address, now);
        _entries[hash] = entry;
        if (Changed(owner.UserId, now))
        {
            // Forgotten while this was being kept (a forgetting after `now` counts as within Recheck of it).
            _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        }
    }

    /// <summary>Forgets every token of these users (a token stopped, an owner changed or deactivated).</summary>
    public void Forget(IReadOnlyCollection<string> userIds)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (user, at) in _forgotten)
        {
            if (now - at >= Recheck)
            {
                _forgotten.TryRemove(new KeyValuePair<string, DateTimeOffset>(user, at));
            }
        }

        foreach (var user in userIds)
        {
            _forgotten[user] = now;
        }

        foreach (var (hash, entry) in _entries)
        {
            if (userIds.Contains(entry.Owner.UserId))
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private bool Changed(string userId, DateTimeOffset now) =>
        _forgotten.TryGetValue(userId, out var at) && now - at < Recheck;
}
