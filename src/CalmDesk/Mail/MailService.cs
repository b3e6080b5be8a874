using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// Reads every enabled mailbox every <c>Mail:PollSeconds</c> (at once when asked, for the "Fetch now" button) and sends
/// the outbox every few seconds, in the background of <c>calmdesk serve</c>. Where the server offers IMAP IDLE, a
/// connection per mailbox waits for new mail and has it read within seconds. A mailbox that fails records its error
/// and the others go on.
/// </summary>
internal sealed partial class MailService(
    IServiceScopeFactory scopes, MailConnections connections, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailService> logger) : BackgroundService
{
    /// An IDLE is renewed this often (servers drop one after 30 minutes, RFC 2177); a failed watch retries after a minute.
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(9);

    private readonly Dictionary<int, CancellationTokenSource> _watchers = [];

    /// Seconds between two passes of the outbox.
    public const int SendSeconds = 5;

    /// Who claims outbox messages: unique per running process, so two instances never hold the same claim.
    public static readonly string Instance = Interactions.Excerpts.Cut($"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}", 100);

    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _nextFetch = DateTimeOffset.MinValue;
    private volatile bool _fetchRequested;

    /// Fetches every mailbox now instead of at the next poll (the button, the API, an IDLE watcher).
    public void FetchNow()
    {
        _fetchRequested = true;
        _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchMailboxesAsync(stoppingToken);
                if (_fetchRequested || clock.GetUtcNow() >= _nextFetch)
                {
                    _fetchRequested = false;
                    _nextFetch = clock.GetUtcNow().AddSeconds(Math.Max(5, options.Value.PollSeconds));
                    await FetchAllAsync(stoppingToken);
                }

                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync(Instance, stoppingToken);
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

    /// One IDLE watcher per enabled mailbox; a disabled or deleted mailbox's watcher stops.
    private async Task WatchMailboxesAsync(CancellationToken stoppingToken)
    {
        List<int> enabled;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.CalmDeskDbContext>();
            enabled = [.. db.Mailboxes.Where(m => m.Enabled).Select(m => m.Id)];
        }

        foreach (var gone in _watchers.Keys.Except(enabled).ToList())
        {
            await _watchers[gone].CancelAsync();
            _watchers[gone].Dispose();
            _watchers.Remove(gone);
        }

        foreach (var id in enabled.Where(id => !_watchers.ContainsKey(id)))
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
                    mailbox = scope.ServiceProvider.GetRequiredService<Data.CalmDeskDbContext>().Mailboxes.AsNoTracking().SingleOrDefault(m => m.Id == mailboxId);
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

    private async Task FetchAllAsync(CancellationToken stoppingToken)
    {
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.CalmDeskDbContext>();
            ids = [.. db.Mailboxes.Where(m => m.Enabled).OrderBy(m => m.Id).Select(m => m.Id)];
        }

        foreach (var id in ids)
        {
            for (var pass = 0; pass < 10; pass++)
            {
                await using var scope = scopes.CreateAsyncScope();
                var fetcher = scope.ServiceProvider.GetRequiredService<MailFetcher>();
                try
                {
                    var report = await fetcher.FetchAsync(id, stoppingToken);
                    if (report.Error is { } error)
                    {
                        MailboxFailed(id, error);
                    }

                    if (!report.More)
                    {
                        break;
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // One mailbox's trouble is recorded on it; the others are still read.
                    PassFailed(exception);
                    await fetcher.RecordErrorAsync(id, exception.GetBaseException().Message, stoppingToken);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId} could not be read: {Error}")]
    private partial void MailboxFailed(int mailboxId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} cannot be watched with IDLE now ({Error}); it is polled")]
    private partial void WatchFailed(int mailboxId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the mail service failed")]
    private partial void PassFailed(Exception exception);
}
