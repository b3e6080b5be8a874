using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// Reads every enabled mailbox every <c>Mail:PollSeconds</c> (within seconds when asked, for the "Fetch now" button) and
/// sends the outbox every few seconds, in the background of <c>calmdesk serve</c>. Where the server offers IMAP IDLE, a
/// connection per mailbox waits for new mail and has it read within seconds. A mailbox that fails records its error
/// and the others go on. With several instances on one database, each mailbox is read by the instance holding its
/// lease (<see cref="WorkLeases"/>: one IMAP connection and one IDLE per mailbox, not one per instance); every instance
/// sends, each outbox message claimed by one.
/// </summary>
internal sealed partial class MailService(
    IServiceScopeFactory scopes, MailConnections connections, WorkLeases leases, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailService> logger)
    : BackgroundService
{
    /// An IDLE is renewed this often (servers drop one after 30 minutes, RFC 2177); a failed watch retries after a minute.
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(9);

    private readonly Dictionary<int, CancellationTokenSource> _watchers = [];

    /// Seconds between two passes of the outbox.
    public const int SendSeconds = 5;

    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _nextFetch = DateTimeOffset.MinValue;
    private volatile bool _fetchRequested;

    /// Has this instance read its mailboxes now instead of at the next poll (an IDLE watcher).
    public void FetchNow()
    {
        _fetchRequested = true;
        _wake.Release();
    }

    /// "Fetch now" from the page or the API: marks every enabled mailbox, so whichever instance reads each one does it
    /// at its next pass (within <see cref="SendSeconds"/>), and wakes this one.
    public async Task RequestFetchAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Mailboxes.Where(m => m.Enabled)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FetchRequestedAt, now), cancellationToken);
        }

        _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pollDue = _fetchRequested || clock.GetUtcNow() >= _nextFetch;
                var startedAt = clock.GetUtcNow();
                if (await ReadHeldMailboxesAsync(pollDue, stoppingToken) && pollDue)
                {
                    // Only a poll that read something counts: at start the leases may still be someone else's.
                    _fetchRequested = false;
                    _nextFetch = startedAt.AddSeconds(Math.Max(5, options.Value.PollSeconds));
                }

                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync(leases.Holder, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                PassFailed(exception);
            }

            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(SendSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        foreach (var watcher in _watchers.Values)
        {
            await watcher.CancelAsync();
            watcher.Dispose();
        }
    }

    /// Takes or renews the lease of every enabled mailbox it can, keeps an IDLE watcher on those it holds (and stops the
    /// others'), and reads the held ones that are due: all at a poll, else those someone asked for. Returns whether it
    /// holds any.
    private async Task<bool> ReadHeldMailboxesAsync(bool pollDue, CancellationToken stoppingToken)
    {
        List<(int Id, DateTimeOffset? Requested)> enabled;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
            enabled = [.. (await db.Mailboxes.Where(m => m.Enabled).OrderBy(m => m.Id).Select(m => new { m.Id, m.FetchRequestedAt }).ToListAsync(stoppingToken))
                .Select(m => (m.Id, m.FetchRequestedAt))];
        }

        var held = new List<(int Id, DateTimeOffset? Requested)>();
        foreach (var mailbox in enabled)
        {
            if (await leases.TakeOrRenewAsync(WorkLeaseNames.Mail(mailbox.Id), stoppingToken))
            {
                held.Add(mailbox);
            }
        }

        await WatchMailboxesAsync([.. held.Select(m => m.Id)], stoppingToken);
        foreach (var (id, requested) in held.Where(m => pollDue || m.Requested is not null))
        {
            // Taken again just before the fetch: an earlier mailbox's fetch may have outlasted this one's lease.
            await using var lease = await leases.TryTakeAsync(WorkLeaseNames.Mail(id), stoppingToken);
            if (lease is null)
            {
                continue;
            }

            if (requested is { } at)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Mailboxes.Where(m => m.Id == id && m.FetchRequestedAt <= at)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.FetchRequestedAt, (DateTimeOffset?)null), stoppingToken);
            }

            try
            {
                await FetchAsync(id, lease.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                LeaseLost(id); // another instance reads it now; the other mailboxes and the outbox go on
            }
        }

        return held.Count > 0;
    }

    /// One IDLE watcher per held mailbox; the watcher of a mailbox disabled, deleted or now read by another instance stops.
    private async Task WatchMailboxesAsync(List<int> held, CancellationToken stoppingToken)
    {
        foreach (var gone in _watchers.Keys.Except(held).ToList())
        {
            await _watchers[gone].CancelAsync();
            _watchers[gone].Dispose();
            _watchers.Remove(gone);
        }

        foreach (var id in held.Where(id => !_watchers.ContainsKey(id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _watchers[id] = stop;
            _ = Task.Run(() => WatchAsync(id, stop.Token), CancellationToken.None);
        }
    }

    /// Keeps the mailbox's folder in IDLE and has it read as soon as the server says mail arrived; returns at once for
    /// a server without IDLE (polling reads it).
    private async Task WatchAsync(int mailboxId, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Mailbox? mailbox;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    mailbox = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Mailboxes.AsNoTracking().SingleOrDefault(m => m.Id == mailboxId);
                }

                if (mailbox is null)
                {
                    return;
                }

                using var imap = await connections.OpenImapAsync(mailbox, stop);
                if (!imap.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Idle))
                {
                    return;
                }

                var folder = await imap.GetFolderAsync(mailbox.Folder, stop);
                await folder.OpenAsync(MailKit.FolderAccess.ReadOnly, stop);
                CancellationTokenSource? idle = null;
                var arrived = false;
                folder.CountChanged += (_, _) =>
                {
                    arrived = true;
                    idle?.Cancel();
                };
                FetchNow(); // whatever came while no one was watching
                while (!stop.IsCancellationRequested)
                {
                    using (idle = new CancellationTokenSource(IdleFor))
                    {
                        await imap.IdleAsync(idle.Token, stop);
                    }

                    idle = null;
                    if (arrived)
                    {
                        arrived = false;
                        FetchNow();
                    }
                }
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                WatchFailed(mailboxId, exception.GetBaseException().Message);
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task FetchAsync(int id, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 10; pass++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var fetcher = scope.ServiceProvider.GetRequiredService<MailFetcher>();
            try
            {
                var report = await fetcher.FetchAsync(id, cancellationToken);
                if (report.Error is { } error)
                {
                    MailboxFailed(id, error);
                }

                if (!report.More)
                {
                    break;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // One mailbox's trouble is recorded on it; the others are still read.
                PassFailed(exception);
                await fetcher.RecordErrorAsync(id, exception.GetBaseException().Message, cancellationToken);
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId} could not be read: {Error}")]
    private partial void MailboxFailed(int mailboxId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} is read by another instance now: its fetch here stopped")]
    private partial void LeaseLost(int mailboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} cannot be watched with IDLE now ({Error}); it is polled")]
    private partial void WatchFailed(int mailboxId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the mail service failed")]
    private partial void PassFailed(Exception exception);
}
