using Microsoft.AspNetCore.Components;

namespace CalmDesk.Components;

/// The base of every component that reads or writes data: its services come from its own scope (ADR 5), and that
/// scope is not disposed while the component's own loading is still running. A response can end before every
/// component is done (the router's not-found page hands over to the status page at once); disposing the scope
/// then would close the database connection under a query still reading from it.
public abstract class DataComponent : OwningComponentBase
{
    private Task _loading = Task.CompletedTask;

    public override Task SetParametersAsync(ParameterView parameters) => _loading = base.SetParametersAsync(parameters);

    protected override async ValueTask DisposeAsyncCore()
    {
        try
        {
            await _loading;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Its failure was reported where it happened; here only the wait matters.
        }

        await base.DisposeAsyncCore();
    }
}
