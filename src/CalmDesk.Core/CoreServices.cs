using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Campaigns;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Demo;
using CalmDesk.Health;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Mail;
using CalmDesk.Notifications;
using CalmDesk.Offboarding;
using CalmDesk.Orders;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using CalmDesk.Search;
using CalmDesk.Submissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CalmDesk;

/// <summary>Everything CalmDesk's core needs, registered in one place: the database, users and roles, and every book,
/// desk and sweep, with their options read from the configuration's sections. The web host and the tests
/// call the same method, so a test never runs on a partial copy of the registrations. A <see cref="TimeProvider"/>
/// registered before wins over the system clock (tests register a fake one).</summary>
internal static class CoreServices
{
    public static IdentityBuilder AddCalmDeskCore(
        this IServiceCollection services, IConfiguration configuration, DatabaseSettings database, string dataDirectory)
    {
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        // Who acts, for the audit log the context writes: the host sets the signed-in user; unattended work is the system.
        services.TryAddSingleton(new Audit.AuditActor.Origin(Audit.AuditActor.System));
        services.AddScoped<Audit.AuditActor>();
        services.AddDbContext<CalmDeskDbContext>(database.Configure);
        // A second context for work that must not touch the request's tracked changes (the account refresh).
        services.AddDbContextFactory<CalmDeskDbContext>(database.Configure, ServiceLifetime.Scoped);
        // Figures summed over a whole portfolio, kept until the stored health moves (HealthBook.MemoAsync).
        services.AddMemoryCache();
        var identity = services.AddIdentityCore<CalmDeskUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CalmDeskDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswords>();

        services.Configure<ReceivablesOptions>(configuration.GetSection("Receivables"));
        services.AddOptions<AnalysisThresholds>().Bind(configuration.GetSection("Analysis"))
            .Validate(t => t.Problem() is null, "Analysis:OpenCase and Analysis:OpenCaseFinding must be in (0, 1) and Analysis:AbuseIncident in [0.5, 1).").ValidateOnStart();
        services.Configure<HealthOptions>(configuration.GetSection("Health"));
        services.Configure<LearningOptions>(configuration.GetSection("Learning"));
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddOptions<Privacy.PrivacyOptions>().Bind(configuration.GetSection("Privacy"))
            .Validate(o => o.Problem() is null, "Privacy:MessageRetentionYears must be between 0 (keep for ever) and 100.").ValidateOnStart();

        services.Configure<LeaseOptions>(configuration.GetSection("Instances"));
        services.AddSingleton<WorkLeases>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DemoPortfolio>();
        services.AddScoped<BookGenerator>();
        services.AddScoped<ApiTokenService>();
        // Read here, so a value that is not a number stops the start instead of the first API call.
        var tokenCheck = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Security:TokenCheckSeconds", 10)));
        services.AddSingleton(provider => new ApiTokenCache(provider.GetRequiredService<TimeProvider>()) { Recheck = tokenCheck });
        services.AddScoped<RepDirectory>();
        services.AddScoped<CustomerDirectory>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Privacy.PersonalData>();
        services.AddScoped<Privacy.RetentionSweep>();
        services.AddScoped<GlobalSearch>();
        services.AddScoped<InteractionLog>();
        services.AddScoped<MessageIntake>();
        services.AddScoped<InteractionAnalysis>();
        services.AddScoped<CustomerCsvImport>();
        services.AddScoped<InteractionCsvImport>();
        services.AddScoped<MailImport>();
        services.AddScoped<CaseBook>();
        services.AddScoped<CaseGuide>();
        services.AddScoped<CaseMessages>();
        services.AddScoped<CommitmentBook>();
        services.AddScoped<CommitmentSweep>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<ReceivablesBook>();
        services.AddScoped<ReceivablesCsvImport>();
        services.AddScoped<CollectionSweep>();
        services.AddScoped<CollectionDesk>();
        services.AddScoped<BoundaryBook>();
        services.AddScoped<OrderBook>();
        services.AddScoped<OrderCsvImport>();
        services.AddScoped<CampaignDesk>();
        services.AddScoped<RepIntroductions>();
        services.AddScoped<HandoverDesk>();
        services.AddScoped<IncidentBook>();
        services.AddScoped<HealthBook>();
        services.AddScoped<OffboardingDesk>();
        services.AddScoped<SubmissionLedger>();
        services.AddSingleton(provider => new PlaybookStore(PlaybookStore.FoldersFor(dataDirectory), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ActiveModel>();
        services.AddScoped<ModelRetraining>();
        services.AddScoped<LearningBook>();
        services.AddSingleton<MailSecrets>();
        services.AddSingleton<MailConnections>();
        services.AddScoped<MailFetcher>();
        services.AddScoped(provider => new AttachmentStore(
            provider.GetRequiredService<CalmDeskDbContext>(), database, dataDirectory, provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<MailSender>();
        services.AddScoped<MailboxBook>();
        services.AddScoped<InboxBook>();
        return identity;
    }
}
