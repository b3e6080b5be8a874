using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(CalmDesk.Infrastructure.Servers))]

namespace CalmDesk.Infrastructure;

/// One running server per database provider, shared by the HTTP tests (each test makes its own users and data).
public sealed class Servers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CalmDeskServer>>> _servers = new();

    public Task<CalmDeskServer> GetAsync(string provider)
    {
        if (provider == "postgres")
        {
            // Skips (or fails under CI) before anything starts when PostgreSQL is not configured.
            Data.PostgresTestDatabase.RequireServer();
        }

        return _servers.GetOrAdd(provider, p => new Lazy<Task<CalmDeskServer>>(() => CalmDeskServer.StartAsync(p))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
