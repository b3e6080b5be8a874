using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Receivables;
using CalmDesk.Submissions;
using Microsoft.Extensions.Options;

namespace CalmDesk.Infrastructure;

internal sealed class SweepOptions
{
    /// How often the sweep looks for reminders, at-risk and overdue promises (`Commitments:SweepSeconds`).
    public int SweepSeconds { get; set; } = 30;

    /// How often the collection plan is checked (`Receivables:SweepMinutes`): its steps are days apart.
    public int CollectionMinutes { get; set; } = 15;
}

/// Runs the sweeps in the background of `calmdesk serve`: promise reminders every few seconds, the collection plan
/// every few minutes (with the day-old form claims). Several instances may run against one database: the instance holding
/// the sweep's lease runs it (<see cref="WorkLeases"/>; another takes over when it stops or dies), and each sweep still
/// claims its work (a conditional update, a unique key), so each reminder and each collection step fires once.
internal sealed partial class SweepService(
    IServiceScopeFactory scopes, WorkLeases leases, TimeProvider clock, IOptions<SweepOptions> options, ILogger<SweepService> logger) : BackgroundService
{
    /// How often conversations are checked against their written response time.
    public const int ReplyClockMinutes = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepSeconds)), clock);
        var collectedAt = DateTimeOffset.MinValue;
        var clockedAt = DateTimeOffset.MinValue;
        do
        {
            try
            {
                await using var lease = await leases.TryTakeAsync(WorkLeaseNames.Sweep, stoppingToken);
                if (lease is null)
                {
                    continue; // another instance sweeps
                }

                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<CommitmentSweep>().RunAsync(lease.Token);
                if (result.Reminders + result.AtRisk + result.Overdue > 0)
                {
                    Swept(result.Reminders, result.AtRisk, result.Overdue, result.Escalations);
                }

                if (clock.GetUtcNow() - clockedAt >= TimeSpan.FromMinutes(ReplyClockMinutes))
                {
                    // Replies overdue by the written response time: not worth a query over the inbox every few seconds.
                    clockedAt = clock.GetUtcNow();
                    await scope.ServiceProvider.GetRequiredService<Mail.InboxBook>().SweepAsync(lease.Token);
                }

                if (clock.GetUtcNow() - collectedAt >= TimeSpan.FromMinutes(Math.Max(1, options.Value.CollectionMinutes)))
                {
                    collectedAt = clock.GetUtcNow();
                    var collection = await scope.ServiceProvider.GetRequiredService<CollectionSweep>().RunAsync(lease.Token);
                    if (collection.Drafted > 0)
                    {
                        Collected(collection.Drafted, collection.Skipped);
                    }

                    await scope.ServiceProvider.GetRequiredService<SubmissionLedger>().SweepAsync(lease.Token);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup, or the lease lost to another instance mid-sweep, must not stop reminders for good:
                // log it and try again at the next tick.
                SweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Promises: {Reminders} reminders, {AtRisk} at risk, {Overdue} overdue ({Escalations} escalations)")]
    private partial void Swept(int reminders, int atRisk, int overdue, int escalations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection: {Drafted} steps drafted, {Skipped} earlier steps skipped")]
    private partial void Collected(int drafted, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sweep failed; it will run again at the next tick")]
    private partial void SweepFailed(Exception exception);
}
