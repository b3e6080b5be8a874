using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// Reads every enabled mailbox every <c>Mail:PollSeconds</c> (at once when asked, for the "Fetch now" button) and sends
/// the outbox every few seconds, in the background of <c>calmdesk serve</c>. A mailbox that fails records its error and
/// the others go on.
/// </summary>
internal sealed partial class MailService(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailService> logger) : BackgroundService
{
    /// Seconds between two passes of the outbox.
    public const int SendSeconds = 5;

    /// Who claims outbox messages: unique per running process, so two instances never hold the same claim.
    public static readonly string Instance = Interactions.Excerpts.Cut($"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}", 100);

    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _nextFetch = DateTimeOffset.MinValue;

    /// Fetches every mailbox now instead of at the next poll.
    public void FetchNow()
    {
        _nextFetch = DateTimeOffset.MinValue;
        _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= _nextFetch)
                {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the mail service failed")]
    private partial void PassFailed(Exception exception);
}
