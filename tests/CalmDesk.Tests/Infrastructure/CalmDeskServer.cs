using System.Net.Http.Headers;
using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Reps;

namespace CalmDesk.Infrastructure;

/// The real program on a real Kestrel port over a real database (SQLite file or PostgreSQL), as a user meets it.
public sealed class CalmDeskServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private CalmDeskServer(WebApplication app, string dataDirectory, string? postgresAdmin, string? postgresName)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    /// The running program's services, for a test that reads what it stored.
    internal IServiceProvider Services => _app.Services;

    /// Starts the program; with a clock, it runs on that clock (a fake one lets a test move time for reminders).
    public static async Task<CalmDeskServer> StartAsync(string provider, bool demo = false, TimeProvider? clock = null, params string[] settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "calmdesk-web-tests", Guid.NewGuid().ToString("N"));
        List<string> args = [];
        string? admin = null, name = null;
        if (provider == "postgres")
        {
            admin = PostgresTestDatabase.RequireServer();
            name = PostgresTestDatabase.NewName();
            var connectionString = await PostgresTestDatabase.CreateAsync(admin, name);
            args.AddRange(["--Database:Provider=postgres", $"--ConnectionStrings:CalmDesk={connectionString}"]);
        }

        args.Add("--Logging:LogLevel:Default=Warning");
        // Every test signs in from 127.0.0.1, hundreds of times a minute; the sign-in limit has its own test.
        args.Add("--Security:SignInAttemptsPerMinute=100000");
        // A refit started here (the form walk presses every button) fits a small part of the corpus in seconds, not the
        // whole of it for twenty minutes; such a model never beats the shipped one, so it is never activated.
        args.AddRange(["--Learning:CorpusLimit=600", "--Learning:Calibrate=false"]);
        if (clock is not null)
        {
            args.Add("--Commitments:SweepSeconds=1");
        }

        args.AddRange(settings);

        var builder = CalmDeskHost.CreateBuilder(new HostSettings(dataDirectory, "http://127.0.0.1:0", demo, [.. args]));
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var app = builder.Build();
        WebFeatures.Map(app);
        await CalmDeskHost.PrepareDatabaseAsync(app.Services, seed: demo, TextWriter.Null);
        await app.StartAsync();
        return new CalmDeskServer(app, dataDirectory, admin, name);
    }

    /// Creates a user with a rep profile and returns an HTTP client that calls the API with their token.
    internal async Task<(HttpClient Client, int RepId)> SignUpAsync(string role)
    {
        var (client, repId, _) = await SignUpWithEmailAsync(role);
        return (client, repId);
    }

    /// As <see cref="SignUpAsync"/>, also returning the email to sign in with (password "Quiet-Harbour-47").
    internal async Task<(HttpClient Client, int RepId, string Email)> SignUpWithEmailAsync(string role, string culture = "en")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await using var scope = _app.Services.CreateAsyncScope();
        var (rep, errors) = await scope.ServiceProvider.GetRequiredService<RepDirectory>().CreateAsync(email, $"{role} {email[..12]}", "Quiet-Harbour-47", [role], culture);
        Assert.True(rep is not null, string.Join(" ", errors.SelectMany(e => e.Value)));
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().IssueAsync(rep.UserId, "tests");
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, rep.Id, email);
    }

    public HttpClient CreateClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgresAdmin is not null)
        {
            await PostgresTestDatabase.DropAsync(_postgresAdmin, _postgresName!);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it holds only test data.
        }
    }
}
