using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Accounts;

public sealed class ApiTokenServiceTests
{
    [Theory]
    [AllDatabases]
    public async Task IssueAsync_StoresOnlyAHashThatValidatesBackToTheUser(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, userId) = await database.AddRepAsync("rep@example.com");
        await using var db = database.NewContext();
        var tokens = new ApiTokenService(db, database.Clock);

        var secret = await tokens.IssueAsync(userId, "script", TestContext.Current.CancellationToken);

        var stored = await db.ApiTokens.SingleAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(userId, await tokens.ValidateAsync(secret, TestContext.Current.CancellationToken));
        Assert.Equal(database.Clock.GetUtcNow(), stored.LastUsedAt);
    }

    [Theory]
    [AllDatabases]
    public async Task RevokeAsync_OnlyTheOwnerStopsATokenAndItStopsAtOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, owner) = await database.AddRepAsync("owner@example.com");
        var (_, other) = await database.AddRepAsync("other@example.com");
        await using var db = database.NewContext();
        var tokens = new ApiTokenService(db, database.Clock);
        var (secret, errors) = await tokens.CreateAsync(owner, "  nightly import  ", TestContext.Current.CancellationToken);
        var (none, refused) = await tokens.CreateAsync(owner, new string('x', ApiTokenService.MaxNameLength + 1), TestContext.Current.CancellationToken);
        var listed = Assert.Single(await tokens.ListAsync(owner, TestContext.Current.CancellationToken));

        var byOther = await tokens.RevokeAsync(other, listed.Id, TestContext.Current.CancellationToken);
        var stillWorks = await tokens.ValidateAsync(secret!, TestContext.Current.CancellationToken);
        var byOwner = await tokens.RevokeAsync(owner, listed.Id, TestContext.Current.CancellationToken);
        var again = await tokens.RevokeAsync(owner, listed.Id, TestContext.Current.CancellationToken);

        Assert.Empty(errors);
        Assert.Null(none);
        Assert.Contains("name", refused.Keys);
        Assert.Equal(("nightly import", secret![..12]), (listed.Name, listed.Prefix));
        Assert.Empty(await tokens.ListAsync(other, TestContext.Current.CancellationToken));
        Assert.False(byOther);
        Assert.Equal(owner, stillWorks);
        Assert.True(byOwner);
        Assert.False(again);
        Assert.Null(await tokens.ValidateAsync(secret, TestContext.Current.CancellationToken));
        Assert.NotNull(Assert.Single(await tokens.ListAsync(owner, TestContext.Current.CancellationToken)).RevokedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cdk_0000")]
    [InlineData("not-a-token")]
    public async Task ValidateAsync_UnknownToken_IsNull(string secret)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.NewContext();

        Assert.Null(await new ApiTokenService(db, database.Clock).ValidateAsync(secret, TestContext.Current.CancellationToken));
    }

    [Theory]
    [AllDatabases]
    public async Task ValidateAsync_RevokedToken_IsNull(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, userId) = await database.AddRepAsync("rep@example.com");
        await using var db = database.NewContext();
        var tokens = new ApiTokenService(db, database.Clock);
        var secret = await tokens.IssueAsync(userId, "script", TestContext.Current.CancellationToken);
        (await db.ApiTokens.SingleAsync(TestContext.Current.CancellationToken)).RevokedAt = database.Clock.GetUtcNow();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Null(await tokens.ValidateAsync(secret, TestContext.Current.CancellationToken));
    }

    /// A token made to last 30 days works on its 29th and is refused on its 31st; a lifetime outside 1 to 730 days is
    /// refused; the address each use comes from is kept, so a use from a new one can be noticed.
    [Theory]
    [AllDatabases]
    public async Task ATokenWithALifetime_IsRefusedAfterIt_AndItsLastAddressIsKept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, userId) = await database.AddRepAsync("rep@example.com");
        await using var db = database.NewContext();
        var tokens = new ApiTokenService(db, database.Clock);
        var (secret, _) = await tokens.CreateAsync(userId, "month", 30, TestContext.Current.CancellationToken);
        var (forever, _) = await tokens.CreateAsync(userId, "forever", null, TestContext.Current.CancellationToken);
        var (none, refused) = await tokens.CreateAsync(userId, "too long", ApiTokenService.MaxLifetimeDays + 1, TestContext.Current.CancellationToken);

        database.Clock.Advance(TimeSpan.FromDays(29));
        var onDay29 = await tokens.OwnerAsync(secret!, "192.0.2.10", TestContext.Current.CancellationToken);
        await tokens.OwnerAsync(secret!, "198.51.100.7", TestContext.Current.CancellationToken);
        var listed = (await tokens.ListAsync(userId, TestContext.Current.CancellationToken)).Single(t => t.Name == "month");
        database.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Null(none);
        Assert.Contains("days", refused.Keys);
        Assert.Equal(userId, onDay29?.UserId);
        Assert.False(onDay29?.Deactivated);
        Assert.Equal("198.51.100.7", listed.LastUsedFrom);
        Assert.Equal(database.Clock.GetUtcNow().AddDays(-31).AddDays(30), listed.ExpiresAt);
        Assert.Null(await tokens.OwnerAsync(secret!, "198.51.100.7", TestContext.Current.CancellationToken));
        Assert.Equal(userId, await tokens.ValidateAsync(forever!, TestContext.Current.CancellationToken));
    }
}
