namespace CalmDesk.Interactions;

/// <summary>
/// One lock per group of customers (a customer's id picks its group): the messages of one customer that this process
/// stores through <see cref="InteractionLog"/> (the API and the pages) take turns, so they do not race for the
/// customer's open case; messages of different customers (mostly) do not wait for each other. Writers in other processes
/// (another instance, an import) are not held by it: a lost race is read again instead.
/// </summary>
internal static class CustomerTurns
{
    private static readonly SemaphoreSlim[] Turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// Waits for the customer's turn; disposing the answer gives it back.
    public static async Task<Turn> TakeAsync(int customerId, CancellationToken cancellationToken)
    {
        var turn = Turns[(uint)customerId % Turns.Length];
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    public readonly struct Turn(SemaphoreSlim taken) : IDisposable
    {
        public void Dispose() => taken.Release();
    }
}
