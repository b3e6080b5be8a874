using CalmDesk.Data;

namespace CalmDesk.Infrastructure;

/// Gives back this instance's leases on background work when the server stops cleanly (<see cref="WorkLeases"/>), so
/// another instance takes the work over at its next tick instead of after the lease runs out; at start, lets go of those
/// an earlier run on this machine left behind when it died.
internal sealed partial class LeaseRelease(WorkLeases leases, ILogger<LeaseRelease> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await leases.ReleaseDeadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ReleaseFailed(exception);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // The database is gone too: the leases run out on their own.
            ReleaseFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leases on background work could not be given back; other instances take the work over when they run out")]
    private partial void ReleaseFailed(Exception exception);
}
