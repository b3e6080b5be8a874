using CalmDesk.Accounts;
using CalmDesk.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Reps;

public sealed class RepDirectoryTests
{
    [Theory]
    [AllDatabases]
    public async Task UpdateAsync_TheLastActiveAdmin_CanNeitherLeaveNorLoseTheRole_UntilAnotherAdminExists(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (adminRep, adminUser) = await database.AddRepAsync("admin@example.com", Roles.Admin);
        var (otherRep, _) = await database.AddRepAsync("rep@example.com");
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var reps = scope.ServiceProvider.GetRequiredService<RepDirectory>();
        var admin = new Viewer(adminUser, SeesAll: true);

        var leave = await reps.UpdateAsync(admin, adminRep, new RepChange(Active: false), TestContext.Current.CancellationToken);
        var demote = await reps.UpdateAsync(admin, adminRep, new RepChange(Roles: [Roles.Rep]), TestContext.Current.CancellationToken);
        var stillAdmin = await reps.GetAsync(adminRep, TestContext.Current.CancellationToken);

        Assert.Contains("roles", leave.Errors.Keys);
        Assert.Contains("roles", demote.Errors.Keys);
        Assert.True(stillAdmin!.IsActive);
        Assert.Contains(Roles.Admin, stillAdmin.Roles);

        // With a second admin, the first may step down.
        Assert.NotNull((await reps.UpdateAsync(admin, otherRep, new RepChange(Roles: [Roles.Rep, Roles.Admin]), TestContext.Current.CancellationToken)).Value);
        var stepDown = await reps.UpdateAsync(admin, adminRep, new RepChange(Roles: [Roles.Manager]), TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Manager], stepDown.Value!.Roles);
    }
}
