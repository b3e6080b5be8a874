using CalmDesk.Interactions;

namespace CalmDesk.Analysis;

/// <summary>After an upgrade that ships a new model (or new rules), re-reads every stored message the old one read, in
/// the background of `calmdesk serve`, in batches of 500, so cases, incidents and moods follow the new model without
/// anyone running `calmdesk analyze --reanalyze-all`. Several instances may start together: an incident is unique per
/// message, so a clash fails one batch on one instance, which tries again a minute later and then finds nothing stale.</summary>
internal sealed partial class ReanalysisService(IServiceScopeFactory scopes, ILogger<ReanalysisService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the server start answering first.
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var progress = new Progress<(int Done, int Total)>(p =>
                {
                    if (p.Done == p.Total || p.Done % 5000 == 0)
                    {
                        Progressed(p.Done, p.Total, MessageAnalysis.CurrentModel);
                    }
                });
                await scope.ServiceProvider.GetRequiredService<InteractionAnalysis>().ReanalyzeAsync(all: false, progress, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception, attempt);
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-analysed {Done} of {Total} stored messages with model {Model}")]
    private partial void Progressed(int done, int total, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-analysing stored messages failed (attempt {Attempt} of 5)")]
    private partial void Failed(Exception exception, int attempt);
}
