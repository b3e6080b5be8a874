using CalmDesk.Data;

namespace CalmDesk.Privacy;

/// Applies the retention rule (<see cref="RetentionSweep"/>) in the background of `calmdesk serve`: a minute after start,
/// then every six hours. Does nothing while `Privacy:MessageRetentionYears` is 0. With several instances, one holding the
/// rule's lease runs it at a time (<see cref="WorkLeases"/>); a message already blanked is never picked again either.
internal sealed partial class RetentionService(IServiceScopeFactory scopes, WorkLeases leases, ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leases.TryTakeAsync(WorkLeaseNames.Retention, stoppingToken);
                if (lease is not null)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var blanked = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(lease.Token);
                    if (blanked > 0)
                    {
                        Blanked(blanked);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
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
