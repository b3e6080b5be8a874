using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CalmDesk.Data;

/// Two instances of the program on one database, each with its own clock (the second's is set ahead when the first
/// must look dead to it), taking the same background work.
public sealed class WorkLeasesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static WorkLeases Instance(ServiceProvider services, TimeProvider clock) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(new LeaseOptions { LeaseSeconds = 30 }));

    [Theory]
    [AllDatabases]
    public async Task OneInstanceHoldsTheWork_UntilItStopsRenewing_ThenAnotherTakesIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var one = Instance(services, database.Clock);
        var two = Instance(services, database.Clock);
        Assert.NotEqual(one.Holder, two.Holder);

        await using (var held = await one.TryTakeAsync("sweep", Token))
        {
            Assert.NotNull(held);
            Assert.Null(await two.TryTakeAsync("sweep", Token));
            Assert.True(await one.TakeOrRenewAsync("sweep", Token)); // the holder renews its own
            await using var other = await two.TryTakeAsync("other work", Token);
            Assert.NotNull(other); // leases are per piece of work
        }

        // Not renewed for longer than the lease: the first instance looks dead, and the second takes over.
        database.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await two.TakeOrRenewAsync("sweep", Token));
        database.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await two.TakeOrRenewAsync("sweep", Token));
        Assert.False(await one.TakeOrRenewAsync("sweep", Token));

        await using var check = database.NewContext();
        var row = await check.Leases.SingleAsync(l => l.Name == "sweep", Token);
        Assert.Equal(two.Holder, row.Holder);
    }

    [Theory]
    [AllDatabases]
    public async Task AStoppedInstanceGivesItsLeasesBack_AtOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var one = Instance(services, database.Clock);
        var two = Instance(services, database.Clock);
        Assert.True(await one.TakeOrRenewAsync("sweep", Token));
        Assert.True(await one.TakeOrRenewAsync(WorkLeaseNames.Mail(3), Token));
        Assert.True(await two.TakeOrRenewAsync(WorkLeaseNames.Mail(4), Token));
        Assert.Equal(["mail:3"], await HeldAsync(database, one, "mail:"));

        await one.ReleaseAllAsync(Token);

        Assert.Empty(await HeldAsync(database, one, ""));
        Assert.True(await two.TakeOrRenewAsync("sweep", Token));
        Assert.True(await two.TakeOrRenewAsync(WorkLeaseNames.Mail(3), Token));
        Assert.Equal(["mail:3", "mail:4"], (await HeldAsync(database, two, "mail:")).Order());
    }

    /// A lease left by an earlier run of the program on this machine whose process is gone (killed) is let go at start,
    /// so the work is taken up at once; one held by a process still running is not.
    [Theory]
    [AllDatabases]
    public async Task LeasesOfADeadProcessOnThisMachine_AreLetGoAtStart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var until = database.Clock.GetUtcNow().AddSeconds(20);
        await using (var db = database.NewContext())
        {
            db.Leases.Add(new WorkLease { Name = "sweep", Holder = $"dead/{int.MaxValue}/{Environment.MachineName}", Until = until });
            db.Leases.Add(new WorkLease { Name = "health-refresh", Holder = $"alive/{Environment.ProcessId}/elsewhere", Until = until });
            await db.SaveChangesAsync(Token);
        }

        var restarted = Instance(services, database.Clock);
        Assert.Equal(1, await restarted.ReleaseDeadAsync(Token));
        Assert.True(await restarted.TakeOrRenewAsync("sweep", Token));
        Assert.False(await restarted.TakeOrRenewAsync("health-refresh", Token)); // another machine's: it may be alive
    }

    /// The holder's renewals keep the lease while its work runs longer than the lease; when it could not renew in time
    /// (a pause) and another instance took the work, its next renewal cancels its work's token (<see cref="WorkLeases.Lease.Token"/>).
    [Theory]
    [AllDatabases]
    public async Task AHeldLeaseRenewsItself_AndTellsItsWorkWhenAnotherInstanceTookIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.Services();
        var oneClock = new FakeTimeProvider(database.Clock.GetUtcNow());
        var twoClock = new FakeTimeProvider(database.Clock.GetUtcNow());
        var one = Instance(services, oneClock);
        var two = Instance(services, twoClock);

        await using var held = await one.TryTakeAsync("reanalysis", Token);
        Assert.NotNull(held);
        for (var i = 0; i < 6; i++)
        {
            // A minute of work in ten-second steps: each renewal moves the end of the lease on.
            oneClock.Advance(TimeSpan.FromSeconds(10));
            twoClock.Advance(TimeSpan.FromSeconds(10));
            await EventuallyAsync(async () => (await UntilAsync(database)) >= oneClock.GetUtcNow() + TimeSpan.FromSeconds(20));
            Assert.False(await two.TakeOrRenewAsync("reanalysis", Token));
        }

        Assert.False(held.Token.IsCancellationRequested);

        // The second instance's clock runs past the lease (as if the first had stalled), so it takes the work.
        twoClock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await two.TakeOrRenewAsync("reanalysis", Token));
        oneClock.Advance(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => Task.FromResult(held.Token.IsCancellationRequested));
    }

    /// The names of the leases an instance holds now, as the table says.
    private static async Task<HashSet<string>> HeldAsync(TestDatabase database, WorkLeases instance, string prefix)
    {
        var now = database.Clock.GetUtcNow();
        await using var db = database.NewContext();
        return [.. await db.Leases.Where(l => l.Holder == instance.Holder && l.Until >= now && l.Name.StartsWith(prefix)).Select(l => l.Name).ToListAsync(Token)];
    }

    private static async Task<DateTimeOffset> UntilAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Leases.Where(l => l.Name == "reanalysis").Select(l => l.Until).SingleAsync(Token);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        Assert.Fail("The condition did not become true within 5 seconds.");
    }
}
