using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CalmDesk.Data;

/// <summary>Who runs a piece of background work right now, when several CalmDesk instances share one database: the
/// promise sweep, the health refresh, the re-analysis after a model change, the retention rule, and the fetch of each
/// mailbox. The holder renews it while it works; one that dies (a crash, <c>kill -9</c>) lets it lapse, and another
/// instance takes it over at its next tick.</summary>
internal sealed class WorkLease
{
    public const int MaxNameLength = 64;

    public const int MaxHolderLength = 100;

    public required string Name { get; set; }

    /// The instance holding it (<see cref="WorkLeases.Holder"/>).
    public required string Holder { get; set; }

    /// Until when it holds unless renewed.
    public DateTimeOffset Until { get; set; }
}

internal sealed class WorkLeaseConfiguration : IEntityTypeConfiguration<WorkLease>
{
    public void Configure(EntityTypeBuilder<WorkLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(WorkLease.MaxNameLength);
        builder.Property(l => l.Holder).HasMaxLength(WorkLease.MaxHolderLength);
    }
}

/// How long a lease on background work holds without renewal (<c>Instances:LeaseSeconds</c>): how long an instance
/// that died keeps its work from the others.
internal sealed class LeaseOptions
{
    public int LeaseSeconds { get; set; } = 60;

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Clamp(LeaseSeconds, 2, 3600));
}

/// <summary>
/// Takes, renews and gives back the leases of <see cref="WorkLease"/>: background work that runs on one instance at a
/// time. Taking is one conditional update (the row is free, expired, or already this instance's), or an insert for a
/// name never used, which the primary key lets only one instance win. A taken lease renews itself every third of its
/// duration while its work runs, and cancels the work's token (<see cref="Lease.Token"/>) when it was lost: another
/// instance took it after this one could not renew in time. Work that must happen once per item (a reminder, a collection step, a message
/// sent) still claims each item too; the lease spares the instances doing the same work twice.
/// </summary>
internal sealed class WorkLeases(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LeaseOptions> options)
{
    /// This running instance, unique per process start.
    public string Holder { get; } = Interactions.Excerpts.Cut($"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}", WorkLease.MaxHolderLength);

    public TimeSpan Duration => options.Value.Duration;

    /// The lease on <paramref name="name"/> for this instance, renewed until disposed; null when another instance holds it.
    public async Task<Lease?> TryTakeAsync(string name, CancellationToken cancellationToken) =>
        await TakeOrRenewAsync(name, cancellationToken) ? new Lease(this, name, clock, cancellationToken) : null;

    /// Takes or renews: true when this instance holds the lease until a full duration from now.
    internal async Task<bool> TakeOrRenewAsync(string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + Duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var taken = await db.Set<WorkLease>()
            .Where(l => l.Name == name && (l.Holder == Holder || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.Until, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<WorkLease>().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.Add(new WorkLease { Name = name, Holder = Holder, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance inserted it first
        }
    }

    /// At start: the leases of an earlier run of this program on this machine that ended without giving them back (a
    /// crash, <c>kill -9</c>; its process is gone, or its number is now this process's, as in a restarted container) are
    /// let go, so a lone instance takes its own work up again at once instead of after the lease runs out.
    public async Task<int> ReleaseDeadAsync(CancellationToken cancellationToken)
    {
        var machine = "/" + Environment.MachineName;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var candidates = await db.Set<WorkLease>().Where(l => l.Holder != Holder).Select(l => l.Holder).Distinct().ToListAsync(cancellationToken);
        var dead = candidates.Where(h => h.EndsWith(machine, StringComparison.Ordinal) && h.Split('/') is [_, var pid, ..]
            && int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var number) && !IsRunning(number)).ToList();
        if (dead.Count == 0)
        {
            return 0;
        }

        var past = clock.GetUtcNow() - TimeSpan.FromSeconds(1);
        return await db.Set<WorkLease>().Where(l => dead.Contains(l.Holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, past), cancellationToken);
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return false; // an earlier run that had this process's number
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// Gives back every lease this instance holds (a clean stop), so another instance takes the work at its next tick.
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var past = clock.GetUtcNow() - TimeSpan.FromSeconds(1);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>().Set<WorkLease>()
            .Where(l => l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, past), cancellationToken);
    }

    /// A lease held by this instance while its work runs.
    internal sealed class Lease : IAsyncDisposable
    {
        private readonly WorkLeases _leases;
        private readonly CancellationTokenSource _work;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        internal Lease(WorkLeases leases, string name, TimeProvider clock, CancellationToken cancellationToken)
        {
            _leases = leases;
            Name = name;
            _work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _renewing = RenewWhileHeldAsync(clock);
        }

        public string Name { get; }

        /// The token to do the work with: the one the lease was taken with, also cancelled when a renewal finds another
        /// instance holding the lease, so the work stops.
        public CancellationToken Token => _work.Token;

        private async Task RenewWhileHeldAsync(TimeProvider clock)
        {
            using var timer = new PeriodicTimer(_leases.Duration / 3, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    bool held;
                    try
                    {
                        held = await _leases.TakeOrRenewAsync(Name, _stop.Token);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        continue; // the database is away for a moment: try again at the next tick, before the lease ends
                    }

                    if (!held)
                    {
                        await _work.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // disposed
            }
        }

        /// Stops renewing; the lease stays this instance's until it lapses, so the next tick takes it again at once.
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            _work.Dispose();
        }
    }
}

/// The background work that takes a lease, by name: the same names on every instance.
internal static class WorkLeaseNames
{
    public const string Sweep = "sweep";

    public const string HealthRefresh = "health-refresh";

    public const string Reanalysis = "reanalysis";

    public const string Retention = "retention";

    public const string MailPrefix = "mail:";

    /// Reading one mailbox (its fetches and its IDLE connection).
    public static string Mail(int mailboxId) => $"{MailPrefix}{mailboxId}";
}
