using System.Globalization;
using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Learning;
using CalmDesk.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Infrastructure;

/// Builds the one host every command shares, so `serve`, `import` and `users` read the same configuration.
internal static class CalmDeskHost
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("it"), new("el")];

    public static WebApplicationBuilder CreateBuilder(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The command line's `--Section:Key=value` settings, then what the caller adds (the server's other options).
            Args = [.. CommandLine.Settings, .. settings.ExtraArgs ?? []],
            ContentRootPath = AppContext.BaseDirectory,
            // Fixed, so static assets and data-protection keys resolve the same when a test host starts the app.
            ApplicationName = typeof(CalmDeskHost).Assembly.GetName().Name,
        });
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CalmDesk:DataDirectory"] = dataDirectory,
            ["CalmDesk:Demo"] = settings.Demo ? "true" : "false",
        });
        if (settings.Quiet)
        {
            // Commands print their own results; the framework's start-up chatter would bury them.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A command that makes the installation's first key would print Data Protection's note that keys are stored
            // unencrypted (the server logs it) into output scripts read.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        }

        // Serve wwwroot from the build output's manifest too (dotnet run in any environment, tests); a
        // published app has the files in wwwroot and no manifest, and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        var database = DatabaseSettings.Resolve(
            builder.Configuration["Database:Provider"], builder.Configuration.GetConnectionString("CalmDesk"), dataDirectory);
        if (settings.Quiet)
        {
            // A command's changes are the command line's in the audit log (the web host names its signed-in users).
            builder.Services.AddSingleton(new Audit.AuditActor.Origin(Audit.AuditActor.CommandLine));
        }

        builder.Services.AddCalmDeskCore(builder.Configuration, database, dataDirectory)
            .AddClaimsPrincipalFactory<CalmDeskClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // In the database, so every instance on it reads the same key ring: a sign-in cookie or a form made by one
        // instance is good on the others, and any of them can open a stored mailbox password.
        var keys = builder.Services.AddDataProtection()
            .PersistKeysToDbContext<CalmDeskDbContext>()
            .SetApplicationName("CalmDesk");
        if (KeyCertificate(builder.Configuration) is { } certificate)
        {
            // Keys made from now on are stored encrypted with it: a copy of the database alone then opens nothing.
            keys.ProtectKeysWithCertificate(certificate);
        }

        // What only the program has: the first run, the pages' helpers and the background services.
        builder.Services.AddScoped<FirstRun>();
        builder.Services.AddScoped<DelayNotices>();
        builder.Services.AddScoped<Uploads>();
        builder.Services.Configure<SweepOptions>(options =>
        {
            options.SweepSeconds = builder.Configuration.GetValue("Commitments:SweepSeconds", options.SweepSeconds);
            options.CollectionMinutes = builder.Configuration.GetValue("Receivables:SweepMinutes", options.CollectionMinutes);
        });
        // Registered first, so it stops last: the leases are given back once the work below has stopped.
        builder.Services.AddHostedService<LeaseRelease>();
        builder.Services.AddHostedService<SweepService>();
        builder.Services.AddHostedService<ReanalysisService>();
        builder.Services.AddHostedService<Health.HealthRefreshService>();
        builder.Services.AddHostedService<Privacy.RetentionService>();
        builder.Services.AddSingleton<RetrainService>();
        builder.Services.AddSingleton<MailService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailService>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RetrainService>());

        WebFeatures.Add(builder);
        return builder;
    }

    /// The certificate (a PKCS #12 file with its private key) that encrypts the data-protection keys at rest, from
    /// `DataProtection:CertificateFile` and `DataProtection:CertificatePassword`; none when not set. A file that cannot
    /// be read stops the start with the setting named.
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyCertificate(ConfigurationManager configuration)
    {
        if (configuration["DataProtection:CertificateFile"] is not { Length: > 0 } file)
        {
            return null;
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                file, configuration["DataProtection:CertificatePassword"]);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"DataProtection:CertificateFile '{file}' cannot be read as a PKCS #12 certificate with its private key: {exception.Message}", exception);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"DataProtection:CertificateFile '{file}' holds no private key; the keys could not be read back.");
    }

    /// Applies migrations and creates the first users: the demo portfolio, or one administrator.
    /// A mailbox given in the configuration (`Mail:Connect:*`, e.g. for the demo or an installation set up by a script)
    /// is connected on start unless its address is connected already; a refused one is reported and the start goes on.
    private static async Task ConnectConfiguredMailboxAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        MailboxInput? input;
        try
        {
            input = services.GetRequiredService<IConfiguration>().GetSection("Mail:Connect").Get<MailboxInput>();
        }
        catch (InvalidOperationException exception)
        {
            await output.WriteLineAsync($"warning: Mail:Connect cannot be read ({exception.Message}); no mailbox was connected from the configuration.");
            return;
        }

        if (input is not { Address.Length: > 0 })
        {
            return;
        }

        var db = services.GetRequiredService<CalmDeskDbContext>();
        if (await db.Mailboxes.AnyAsync(m => m.Address == input.Address.Trim(), cancellationToken))
        {
            return;
        }

        var added = await services.GetRequiredService<MailboxBook>().AddAsync(input, cancellationToken);
        await output.WriteLineAsync(added.Value is { } mailbox
            ? $"Mailbox {mailbox.Address} connected from the configuration."
            : $"warning: the mailbox in Mail:Connect was not connected: {string.Join(" ", added.Errors.SelectMany(e => e.Value))}");
    }

    public static async Task PrepareDatabaseAsync(IServiceProvider services, bool seed, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        if (applied.Count > 0)
        {
            var total = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Database.GetMigrations().Count();
            await output.WriteLineAsync(applied.Count == total ? "Database created." : $"Database upgraded: {string.Join(", ", applied)}.");
        }
        await KeysFolder.ImportAsync(scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>(),
            services.GetRequiredService<IConfiguration>()["CalmDesk:DataDirectory"], output, cancellationToken);
        // The key ring is read (and on a new database its first key made) now, before anything is served: an instance
        // started next to this one then finds the key in the database instead of making its own.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("CalmDesk.Start").Protect([1]);
        var model = services.GetRequiredService<ActiveModel>();
        await model.RefreshAsync(scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>(), cancellationToken);
        if (model.Unreadable is { } run)
        {
            // Its questions changed in an upgrade: the shipped model reads the messages until a new refit.
            await output.WriteLineAsync($"warning: the installation's model (refit {run}) cannot be read by this version; using the shipped model until the next refit.");
        }

        await ConnectConfiguredMailboxAsync(scope.ServiceProvider, output, cancellationToken);
        var firstRun = scope.ServiceProvider.GetRequiredService<FirstRun>();
        await firstRun.EnsureRolesAsync();
        if (seed)
        {
            await firstRun.EnsureUsersAsync(output, cancellationToken);
        }
    }
}
