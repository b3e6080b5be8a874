using CalmDesk.Accounts;

namespace CalmDesk.Health;

/// Keeps the stored account health current in the background of `calmdesk serve`: the scores of customers whose
/// records changed, those never worked out, and every score once a day (the windows move), a batch at a time. When
/// nothing is waiting it looks again every few seconds. Several instances may run it at once: a score is simply
/// worked out twice.
internal sealed partial class HealthRefreshService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<HealthRefreshService> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        do
        {
            try
            {
                int done;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    done = await scope.ServiceProvider.GetRequiredService<HealthBook>().RefreshAsync(Viewer.System, Batch, stoppingToken);
                    if (done > 0)
                    {
                        Refreshed(done);
                    }
                }
                while (done == Batch && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
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
