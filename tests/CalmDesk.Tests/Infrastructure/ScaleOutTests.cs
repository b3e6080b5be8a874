using System.Diagnostics;
using System.Net;
using CalmDesk.Data;
using Npgsql;

namespace CalmDesk.Infrastructure;

/// <summary>
/// Two real <c>calmdesk serve</c> processes on one PostgreSQL database, each with its own data folder, behind a real
/// nginx (Debian's package) that takes turns between them, as the README's deployment describes. A person signs in and
/// works through the proxy; the background work is held by one instance; one instance is killed with SIGKILL.
/// </summary>
public sealed class ScaleOutTests
{
    private const string Password = "Quiet-Harbour-47";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesBehindNginx_ShareSignInsAndForms_HoldEachBackgroundWorkOnce_AndSurviveAKill()
    {
        var nginx = RequireNginx();
        var admin = PostgresTestDatabase.RequireServer();
        var name = PostgresTestDatabase.NewName();
        var connection = await PostgresTestDatabase.CreateAsync(admin, name);
        var servers = new List<Process>();
        Process? proxy = null;
        var folder = CalmDeskProcess.NewDataDirectory();
        try
        {
            string[] database = ["--Database:Provider=postgres", $"--ConnectionStrings:CalmDesk={connection}"];
            // As an administrator sets up the database: the schema, the key ring and a manager, from the command line.
            var added = await CalmDeskProcess.RunAsync(
                ["users", "add", "helen@ourco.example", "--name", "Helen Marsh", "--role", "Manager", "--password", Password, "--data", Path.Combine(folder, "setup"), .. database]);
            Assert.True(added.ExitCode == 0, added.Output + added.Error);
            var ports = new[] { CalmDeskProcess.FreePort(), CalmDeskProcess.FreePort() };
            foreach (var (port, index) in ports.Select((p, i) => (p, i)))
            {
                var server = CalmDeskProcess.Start(
                    ["serve", "--data", Path.Combine(folder, $"instance{index}"), "--urls", $"http://127.0.0.1:{port}", "--no-demo", .. database,
                     "--Instances:LeaseSeconds=3", "--Commitments:SweepSeconds=1"]);
                servers.Add(server);
                await CalmDeskProcess.WaitUntilListeningAsync(server);
            }

            var proxyPort = CalmDeskProcess.FreePort();
            proxy = StartNginx(nginx, Path.Combine(folder, "nginx"), proxyPort, ports);
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}") };
            await WaitForProxyAsync(client);

            // The sign-in form comes from one instance and is posted to the other: its antiforgery token and the cookie
            // the second instance sets are read with the key ring both keep in the database.
            using (var form = await client.GetAsync("/signin", Token))
            using (var posted = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(await form.Content.ReadAsStringAsync(Token)),
                ["Input.Email"] = "helen@ourco.example",
                ["Input.Password"] = Password,
            }), Token))
            {
                Assert.NotEqual(Upstream(form), Upstream(posted));
                Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync(Token));
                Assert.DoesNotContain("/signin", posted.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
            }

            var served = new HashSet<string>();
            for (var i = 0; i < 6; i++)
            {
                using var page = await client.GetAsync("/customers", Token);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("Helen Marsh", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
                served.Add(Upstream(page));
            }

            Assert.Equal(ports.Select(p => $"127.0.0.1:{p}").Order(), served.Order());

            // Each piece of background work is held by one instance, and both instances are alive holders.
            var pids = servers.Select(s => s.Id).ToHashSet();
            var sweep = await EventuallyAsync(connection, WorkLeaseNames.Sweep, pid => pids.Contains(pid));
            var refresh = await EventuallyAsync(connection, WorkLeaseNames.HealthRefresh, pid => pids.Contains(pid));
            Assert.Single(await HoldersAsync(connection, WorkLeaseNames.Sweep));

            // The sweep's holder is killed: no shutdown, no lease given back. The other instance takes the work over once
            // the lease runs out, and the proxy sends the signed-in person to it.
            var killed = servers.Single(s => s.Id == sweep);
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync(Token);
            var survivor = servers.Single(s => s != killed).Id;
            Assert.Equal(survivor, await EventuallyAsync(connection, WorkLeaseNames.Sweep, pid => pid == survivor));
            Assert.Equal(survivor, await EventuallyAsync(connection, WorkLeaseNames.HealthRefresh, pid => pid == survivor));
            TestContext.Current.TestOutputHelper?.WriteLine($"sweep held by {sweep}, refresh by {refresh}; {killed.Id} killed, {survivor} took both over.");

            for (var i = 0; i < 3; i++)
            {
                using var page = await client.GetAsync("/inbox", Token);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal($"127.0.0.1:{ports[servers.FindIndex(s => s.Id == survivor)]}", Upstream(page).Split(", ")[^1]);
            }
        }
        finally
        {
            if (proxy is not null)
            {
                proxy.Kill(entireProcessTree: true);
                await proxy.WaitForExitAsync(CancellationToken.None);
                proxy.Dispose();
            }

            foreach (var server in servers)
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync(CancellationToken.None);
                }

                server.Dispose();
            }

            await PostgresTestDatabase.DropAsync(admin, name);
        }
    }

    /// Which instance answered, as nginx reports it (after a failed try, the list of addresses it tried).
    private static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : throw new InvalidOperationException("The answer did not come through the proxy.");

    /// The process id of the instance holding <paramref name="lease"/> now, once it satisfies the condition (a minute at most).
    private static async Task<int> EventuallyAsync(string connection, string lease, Func<int, bool> condition)
    {
        var last = "nobody";
        for (var i = 0; i < 240; i++)
        {
            var holders = await HoldersAsync(connection, lease);
            if (holders.Count == 1 && condition(holders[0]))
            {
                return holders[0];
            }

            last = string.Join(", ", holders);
            await Task.Delay(250, Token);
        }

        throw new Xunit.Sdk.XunitException($"The lease '{lease}' was not held as expected within a minute (held by: {last}).");
    }

    /// The processes holding a lease that has not run out, from the holder's "GUID/PID/MACHINE".
    private static async Task<List<int>> HoldersAsync(string connection, string lease)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(Token);
        await using var query = new NpgsqlCommand("""SELECT "Holder" FROM "Leases" WHERE "Name" = @name AND "Until" > now()""", db);
        query.Parameters.AddWithValue("name", lease);
        var holders = new List<int>();
        await using var reader = await query.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            holders.Add(int.Parse(reader.GetString(0).Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return holders;
    }

    private static async Task WaitForProxyAsync(HttpClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var health = await client.GetAsync("/health", Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // nginx is not listening yet
            }

            await Task.Delay(100, Token);
        }

        throw new InvalidOperationException("nginx did not start answering.");
    }

    /// nginx in the foreground with its own configuration, pid file and logs in a temporary folder: the upstream block
    /// takes turns between the instances and reports which one answered.
    private static Process StartNginx(string nginx, string folder, int port, IEnumerable<int> upstreams)
    {
        Directory.CreateDirectory(folder);
        var root = Environment.UserName == "root" ? "user root;\n" : "";
        var servers = string.Concat(upstreams.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=60s;\n"));
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            {{root}}daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream calmdesk {
            {{servers}}  }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://calmdesk;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """);
        var info = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        return process;
    }

    /// Debian's nginx (`CALMDESK_TEST_NGINX` names another); required under CI=true, where .ci/run installs it.
    private static string RequireNginx()
    {
        var named = Environment.GetEnvironmentVariable("CALMDESK_TEST_NGINX");
        var found = new[] { named, "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
        if (found is not null)
        {
            return found;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("CI=true but nginx is not installed: the scale-out test must run in CI (apt-get install nginx).");
        }

        Assert.Skip("nginx is not installed (apt-get install nginx, or set CALMDESK_TEST_NGINX).");
        return "";
    }
}
