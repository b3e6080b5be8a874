using Microsoft.Extensions.Options;

namespace CalmDesk.Commitments;

internal sealed class CommitmentReminderOptions
{
    /// How often the sweep looks for reminders, at-risk and overdue promises (`Commitments:SweepSeconds`).
    public int SweepSeconds { get; set; } = 30;
}

/// Runs the reminder sweep in the background of `calmdesk serve`. Several instances may run against one database:
/// the sweep claims each reminder with a conditional update, so each fires once.
internal sealed partial class CommitmentReminderService(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<CommitmentReminderOptions> options, ILogger<CommitmentReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepSeconds)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<CommitmentSweep>().RunAsync(stoppingToken);
                if (result.Reminders + result.AtRisk + result.Overdue > 0)
                {
                    Swept(result.Reminders, result.AtRisk, result.Overdue, result.Escalations);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database hiccup must not stop reminders for good: log it and try again at the next tick.
                SweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Promises: {Reminders} reminders, {AtRisk} at risk, {Overdue} overdue ({Escalations} escalations)")]
    private partial void Swept(int reminders, int atRisk, int overdue, int escalations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reminder sweep failed; it will run again at the next tick")]
    private partial void SweepFailed(Exception exception);
}
