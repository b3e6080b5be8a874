using CalmDesk.Data;

namespace CalmDesk.Health;

/// Keeps the stored account health current in the background of `calmdesk serve`: the scores of customers whose
/// records changed, those never worked out, and every score once a day (the windows move), in batches (see
/// <see cref="HealthBook.RefreshAsync"/>). When nothing is waiting it looks again every few seconds. With several
/// instances, the one holding the refresh's lease runs it (<see cref="WorkLeases"/>); a reader's request still works out
/// its own few out-of-date rows wherever it lands.
internal sealed partial class HealthRefreshService(IServiceScopeFactory scopes, WorkLeases leases, TimeProvider clock, ILogger<HealthRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        do
        {
            try
            {
                await using var lease = await leases.TryTakeAsync(WorkLeaseNames.HealthRefresh, stoppingToken);
                if (lease is null)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<HealthBook>().RefreshWaitingAsync(lease.Token) is > 0 and var done)
                {
                    Refreshed(done);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                RefreshFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account health: {Count} scores worked out")]
    private partial void Refreshed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account health refresh failed; it will run again shortly")]
    private partial void RefreshFailed(Exception exception);
}
