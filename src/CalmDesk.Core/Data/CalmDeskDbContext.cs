using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Campaigns;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Incidents;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Mail;
using CalmDesk.Notifications;
using CalmDesk.Offboarding;
using CalmDesk.Orders;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using CalmDesk.Submissions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CalmDesk.Data;

/// The actor and clock are the scope's when the context comes from the container (both are registered by
/// AddCalmDeskCore); a context made by hand (design time, a test's setup) logs as the system on the system clock. The
/// process's API token cache, when given, hears of every save that stops a token or changes a user.
internal sealed class CalmDeskDbContext(
    DbContextOptions<CalmDeskDbContext> options, Audit.AuditActor? actor = null, TimeProvider? clock = null, ApiTokenCache? tokenCache = null)
    : IdentityDbContext<CalmDeskUser>(options), IDataProtectionKeyContext
{
    /// Whether saves write the audit log; the big-book generator turns it off (a generated book has no history).
    public bool Audited { get; set; } = true;

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Rep> Reps => Set<Rep>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<CommitmentChange> CommitmentChanges => Set<CommitmentChange>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<CollectionAction> CollectionActions => Set<CollectionAction>();

    public DbSet<Terms> Terms => Set<Terms>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignRecipient> CampaignRecipients => Set<CampaignRecipient>();

    public DbSet<Reassignment> Reassignments => Set<Reassignment>();

    public DbSet<Handover> Handovers => Set<Handover>();

    public DbSet<AbuseIncident> AbuseIncidents => Set<AbuseIncident>();

    public DbSet<RepTolerance> RepTolerances => Set<RepTolerance>();

    public DbSet<Competitor> Competitors => Set<Competitor>();

    public DbSet<CustomerOffboarding> Offboardings => Set<CustomerOffboarding>();

    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();

    public DbSet<AnalysisCorrection> AnalysisCorrections => Set<AnalysisCorrection>();

    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();

    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();

    public DbSet<InboundMail> InboundMail => Set<InboundMail>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<ReadMark> ReadMarks => Set<ReadMark>();

    public DbSet<Health.HealthScore> HealthScores => Set<Health.HealthScore>();

    public DbSet<Health.AgingBalance> AgingBalances => Set<Health.AgingBalance>();

    /// The inbox's conversations waiting for a reply, stored by the health refresh (<see cref="Mail.WaitingConversation"/>).
    public DbSet<Mail.WaitingConversation> WaitingConversations => Set<Mail.WaitingConversation>();

    /// Each case's peak anger, abuse and message count, stored by the health refresh (<see cref="Cases.CaseFigure"/>).
    public DbSet<Cases.CaseFigure> CaseFigures => Set<Cases.CaseFigure>();

    /// Each customer's last contact, message count and mood, stored by the health refresh (<see cref="Customers.CustomerFigure"/>).
    public DbSet<Customers.CustomerFigure> CustomerFigures => Set<Customers.CustomerFigure>();

    public DbSet<Health.ReadModelStamp> ReadModelStamps => Set<Health.ReadModelStamp>();

    /// Background work held by one instance at a time (<see cref="WorkLeases"/>).
    public DbSet<WorkLease> Leases => Set<WorkLease>();

    /// The keys that protect the sign-in cookies, forms' tokens and stored mailbox secrets, shared by every instance on
    /// this database (ASP.NET Core Data Protection's key ring).
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// How many saves this context has made: a reader that remembers something for the request asks again after one.
    public long Saves { get; private set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Saves++;
        RefreshSearchKeys();
        RaiseVersions();
        ForgetChangedTokens();
        var touched = Health.HealthChanges.Touched(ChangeTracker);
        var audited = Audited ? Audit.AuditTrail.Collect(this) : [];
        if (touched.Count == 0 && audited.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        // The records, the mark on their customers' health and the audit entries in one transaction (the caller's when it
        // holds one). The changes are accepted before the mark and the entries, as with any transaction a caller holds: a
        // new row's key is known then.
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        WriteAuditEarly(audited, acceptAllChangesOnSuccess);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (touched.Count > 0)
        {
            Health.HealthChanges.Mark(this, touched);
        }

        if (WriteAuditLate(audited, acceptAllChangesOnSuccess))
        {
            base.SaveChanges(acceptAllChangesOnSuccess: true);
        }

        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Saves++;
        RefreshSearchKeys();
        RaiseVersions();
        ForgetChangedTokens();
        var touched = Health.HealthChanges.Touched(ChangeTracker);
        var audited = Audited ? Audit.AuditTrail.Collect(this) : [];
        if (touched.Count == 0 && audited.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // As SaveChanges: records, health marks and audit entries in one transaction.
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        WriteAuditEarly(audited, acceptAllChangesOnSuccess);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (touched.Count > 0)
        {
            await Health.HealthChanges.MarkAsync(this, touched, cancellationToken);
        }

        if (WriteAuditLate(audited, acceptAllChangesOnSuccess))
        {
            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// Before the save (and before its commit, which may be a caller's): the tokens of a user changed or deactivated, or of a
    /// token stopped, are looked up again from now on. A token's use being noted changes nothing of what it may do. Run
    /// after <see cref="RaiseVersions"/>, whose look at the entries detected the changes: this one does not again.
    private void ForgetChangedTokens()
    {
        if (tokenCache is null)
        {
            return;
        }

        List<string>? users = null;
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries())
            {
                var user = entry switch
                {
                    { Entity: CalmDeskUser changed, State: EntityState.Modified or EntityState.Deleted } => changed.Id,
                    { Entity: ApiToken token, State: EntityState.Deleted } => token.UserId,
                    { Entity: ApiToken token, State: EntityState.Modified }
                        when entry.Property(nameof(ApiToken.RevokedAt)).IsModified || entry.Property(nameof(ApiToken.ExpiresAt)).IsModified => token.UserId,
                    _ => null,
                };
                if (user is not null)
                {
                    (users ??= []).Add(user);
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }

        if (users is not null)
        {
            tokenCache.Forget(users);
        }
    }

    /// A caller that keeps its changes pending after the save would see them saved twice by a second save: its entries go
    /// in with the records instead (a new row is then named by its temporary key).
    private void WriteAuditEarly(List<Audit.AuditTrail.Pending> audited, bool accepting)
    {
        if (!accepting && audited.Count > 0)
        {
            Audit.AuditTrail.Write(this, audited, actor, (clock ?? TimeProvider.System).GetUtcNow());
        }
    }

    private bool WriteAuditLate(List<Audit.AuditTrail.Pending> audited, bool accepting)
    {
        if (!accepting || audited.Count == 0)
        {
            return false;
        }

        Audit.AuditTrail.Write(this, audited, actor, (clock ?? TimeProvider.System).GetUtcNow());
        return true;
    }

    /// Every searchable record added, or changed in what it is searched by, gets its key again before it is written.
    private void RefreshSearchKeys()
    {
        foreach (var entry in ChangeTracker.Entries<Search.ISearchable>())
        {
            if (entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Entity.SearchedProperties.Any(p => entry.Property(p).IsModified)))
            {
                entry.Entity.RefreshSearchKey();
            }
        }
    }

    /// Every versioned record changed in this save moves to the next version; the update names the version it read.
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CalmDeskDbContext).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type that sorts and compares correctly with offsets; store UTC ticks instead.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
