using CalmDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Accounts;

/// A token found valid is believed for a few seconds without the database, from the same address and before its expiry;
/// a change saved in this process (a token stopped, its owner deactivated) is heard at once, one made around it (another
/// instance, the command line) within Security:TokenCheckSeconds.
public sealed class ApiTokenCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// Who the token speaks for, as the sign-in handler asks in a request's own scope: null when unknown, stopped, expired
    /// or its owner deactivated.
    private static async Task<string?> OwnerAsync(ServiceProvider services, string token, string address)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().OwnerAsync(token, address, Token)) is { Deactivated: false } found ? found.UserId : null;
    }

    [Theory]
    [AllDatabases]
    public async Task AKnownToken_IsBelievedForAFewSeconds_AndAChangeSavedHere_IsHeardAtOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, owner) = await database.AddRepAsync("owner@example.com");
        var (_, other) = await database.AddRepAsync("other@example.com");
        await using var services = database.Services();
        var recheck = services.GetRequiredService<ApiTokenCache>().Recheck;
        string secret, kept, stopped;
        await using (var scope = services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            secret = (await tokens.CreateAsync(owner, "sync", Token)).Secret!;
            kept = (await tokens.CreateAsync(other, "report", Token)).Secret!;
            stopped = (await tokens.CreateAsync(other, "old", Token)).Secret!;
        }

        Task<string?> Owner(string token, string address = "192.0.2.1") => OwnerAsync(services, token, address);

        var first = (await Owner(secret), await Owner(kept), await Owner(stopped));
        // Removed around the model and the process (as another instance's or a script's change would be).
        await using (var db = database.NewContext())
        {
            await db.ApiTokens.Where(t => t.UserId == owner).ExecuteDeleteAsync(Token);
        }

        var believed = await Owner(secret);
        var fromElsewhere = await Owner(secret, "198.51.100.7");

        // Saved in this process: the owner of two tokens deactivated, then one of another user's tokens stopped.
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
            var user = (await users.FindByIdAsync(other))!;
            Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
        }

        var afterDeactivation = (await Owner(kept), await Owner(stopped));
        database.Clock.Advance(recheck);
        var afterRecheck = await Owner(secret);

        Assert.True(recheck > TimeSpan.Zero);
        Assert.Equal((owner, other, other), first);
        Assert.Equal(owner, believed);
        Assert.Null(fromElsewhere);
        Assert.Equal((null, null), afterDeactivation);
        Assert.Null(afterRecheck);
    }

    [Theory]
    [AllDatabases]
    public async Task AStoppedToken_IsRefusedOnTheNextCall_AndAnExpiredOne_EvenWhenKept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, owner) = await database.AddRepAsync("owner@example.com");
        await using var services = database.Services();
        string secret, expiring;
        int id;
        await using (var scope = services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            secret = (await tokens.CreateAsync(owner, "sync", Token)).Secret!;
            expiring = (await tokens.CreateAsync(owner, "day", 1, Token)).Secret!;
            id = (await tokens.ListAsync(owner, Token)).Single(t => t.Name == "sync").Id;
        }

        Task<string?> Owner(string token) => OwnerAsync(services, token, "192.0.2.1");

        var before = (await Owner(secret), await Owner(expiring));
        database.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        var justBefore = (await Owner(secret), await Owner(expiring));
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(owner, id, Token));
        }

        database.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = (await Owner(secret), await Owner(expiring));

        Assert.Equal((owner, owner), before);
        Assert.Equal((owner, owner), justBefore);
        Assert.Equal((null, null), after);
    }
}
