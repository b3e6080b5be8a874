using System.Threading.Channels;

namespace CalmDesk.Learning;

/// Refits the model in the background of `calmdesk serve`, one run at a time, for the Model page and the API: the request
/// records the run and returns at once; this service trains, compares and activates, and the page shows how it went.
internal sealed partial class RetrainService(IServiceScopeFactory scopes, ILogger<RetrainService> logger) : BackgroundService
{
    private readonly Channel<int> _runs = Channel.CreateUnbounded<int>();

    public void Enqueue(int runId) => _runs.Writer.TryWrite(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in _runs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<ModelRetraining>().RunAsync(runId, line => Progress(runId, line), stoppingToken);
                Finished(runId, run.Status, run.Version ?? "", string.Join("; ", run.Reasons));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception, runId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model refit {RunId}: {Line}")]
    private partial void Progress(int runId, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model refit {RunId} finished: {Status} {Version} {Outcome}")]
    private partial void Finished(int runId, ModelRunStatus status, string version, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model refit {RunId} failed")]
    private partial void Failed(Exception exception, int runId);
}
