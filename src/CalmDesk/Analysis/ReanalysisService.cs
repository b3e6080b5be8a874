using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Learning;

namespace CalmDesk.Analysis;

/// Keeps stored analyses in step with the model, in the background of `calmdesk serve`: at start (an upgrade may ship a
/// new model or new rules) and whenever the installation's active model changes — a refit activated here or on another
/// instance, or a manager going back to the shipped model — it re-reads every message an older model read, in batches
/// of 500, so cases, incidents and moods follow without anyone running `calmdesk analyze --reanalyze-all`. It looks at the
/// database for a newly activated model once a minute, on every instance. With several instances, the one holding the
/// re-reading's lease re-reads (<see cref="WorkLeases"/>); should two ever overlap, an incident is unique per message, so a
/// clash fails one batch on one instance, which tries again a minute later and then finds nothing stale.
internal sealed partial class ReanalysisService(IServiceScopeFactory scopes, ActiveModel active, WorkLeases leases, ILogger<ReanalysisService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the server start answering first.
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        string? readWith = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await active.RefreshAsync(scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>(), stoppingToken);
                await using var lease = active.Version != readWith ? await leases.TryTakeAsync(WorkLeaseNames.Reanalysis, stoppingToken) : null;
                if (lease is not null)
                {
                    var version = active.Version;
                    var progress = new Progress<(int Done, int Total)>(p =>
                    {
                        if (p.Done == p.Total || p.Done % 5000 == 0)
                        {
                            Progressed(p.Done, p.Total, version);
                        }
                    });
                    await scope.ServiceProvider.GetRequiredService<InteractionAnalysis>().ReanalyzeAsync(all: false, progress, lease.Token);
                    readWith = version;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Failed(exception);
            }

            await Task.Delay(Interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-analysed {Done} of {Total} stored messages with model {Model}")]
    private partial void Progressed(int done, int total, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-analysing stored messages, or loading the active model, failed; trying again in a minute")]
    private partial void Failed(Exception exception);
}
