using System.Net;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// A session left open must not let someone guess the current password on the account page and set one of their own:
/// wrong guesses there count towards the lockout, as at sign-in, and a locked account changes nothing even with the
/// right password.
public sealed class ChangePasswordLockoutTests(Servers servers)
{
    [Fact]
    public async Task WrongCurrentPasswords_LockTheAccount_SoTheRightOneNoLongerChangesIt()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await servers.GetAsync("sqlite");
        var (_, _, email) = await server.SignUpWithEmailAsync("Rep");
        var client = await PageSession.SignInAsync(server, email);
        var account = await client.GetStringAsync("/account", cancel);
        async Task<HttpResponseMessage> ChangeAsync(string current) => await client.PostAsync("/account", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = PageSession.AntiforgeryToken(account),
            ["Password.Current"] = current,
            ["Password.New"] = "Taken-Over-Password-9",
        }), cancel);

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var guess = await ChangeAsync($"Guess-number-{i}-X");
            guesses.Add(guess.StatusCode);
        }

        using var right = await ChangeAsync("Quiet-Harbour-47");
        var page = await right.Content.ReadAsStringAsync(cancel);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalmDeskUser>>();
        var user = (await users.FindByEmailAsync(email))!;

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("The current password is not right.", page, StringComparison.Ordinal);
        Assert.True(await users.IsLockedOutAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, "Quiet-Harbour-47"));
        Assert.False(await users.CheckPasswordAsync(user, "Taken-Over-Password-9"));
    }
}
