namespace CalmDesk.Privacy;

/// Applies the retention rule (<see cref="RetentionSweep"/>) in the background of `calmdesk serve`: a minute after start,
/// then every six hours. Does nothing while `Privacy:MessageRetentionYears` is 0. Safe on several instances: a message
/// already blanked is never picked again, and two instances blanking the same batch write the same thing.
internal sealed partial class RetentionService(IServiceScopeFactory scopes, ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var blanked = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(stoppingToken);
                if (blanked > 0)
                {
                    Blanked(blanked);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception);
            }

            await Task.Delay(Interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: the text of {Count} messages past the retention period was erased")]
    private partial void Blanked(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; trying again in six hours")]
    private partial void Failed(Exception exception);
}
