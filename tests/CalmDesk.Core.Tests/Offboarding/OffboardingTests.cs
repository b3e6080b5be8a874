using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Offboarding;

public sealed class OffboardingTests
{
    [Theory]
    [AllDatabases]
    public async Task TheChecklist_CannotBeSkipped_OnlyAManagerApproves_ThenTheLetterIsIssuedOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        var manager = new Viewer(managerUser, true);
        var cancel = TestContext.Current.CancellationToken;
        var desk = Books.OffboardingDesk(money.Db, database.Clock, money.Playbooks, ReceivablesFixture.Options);
        var rival = (await desk.AddCompetitorAsync(manager, "Vini Rossi S.r.l.", "small restaurants", cancel)).Value!;
        var other = (await desk.AddCompetitorAsync(manager, "Cantina Blu", null, cancel)).Value!;
        var third = (await desk.AddCompetitorAsync(manager, "Enoteca Verde", null, cancel)).Value!;
        Assert.True((await desk.AddCompetitorAsync(money.People.Giulia, "Nope", null, cancel)).NotFound);

        var started = (await desk.StartAsync(money.People.Giulia, money.People.Nino, "abuse", "Three insults in a month", cancel)).Value!;
        Assert.True((await desk.StartAsync(money.People.James, money.People.Nino, "abuse", null, cancel)).NotFound);
        Assert.Equal(new DateOnly(2026, 12, 31), started.NonRenewalOn);
        Assert.True((await desk.IssueLetterAsync(money.People.Giulia, started.Id, cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.IssueLetterAsync(manager, started.Id, cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.ApproveAsync(money.People.Giulia, started.Id, null, cancel)).NotFound);
        Assert.True((await desk.ApproveAsync(manager, started.Id, null, cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.AnswerAsync(money.People.Giulia, started.Id, "facts_verified", " ", cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.AnswerAsync(money.People.Giulia, started.Id, "skip_it", "note", cancel)).Errors.ContainsKey("offboarding"));

        var waiting = new List<int>();
        foreach (var item in OffboardingDesk.ChecklistItems)
        {
            Assert.True((await desk.AnswerAsync(money.People.Giulia, started.Id, item, "Checked: " + item, cancel)).Succeeded);
            waiting.Add(await money.Db.Notifications.CountAsync(n => n.Kind == Notifications.NotificationKind.LetGoReady && n.RecipientUserId == managerUser, cancel));
        }

        // The manager is told once, when the last item is answered, and the notice leads to the checklist's customer.
        Assert.Equal([0, 0, 0, 1], waiting);
        Assert.Equal(money.People.Nino, (await money.Db.Notifications.SingleAsync(n => n.Kind == Notifications.NotificationKind.LetGoReady, cancel)).CustomerId);

        Assert.True((await desk.SetTermsAsync(money.People.Giulia, started.Id, null, [rival.Id, other.Id, third.Id], cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.SetTermsAsync(money.People.Giulia, started.Id, money.Today, [rival.Id], cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.SetTermsAsync(money.People.Giulia, started.Id, new DateOnly(2027, 1, 31), [rival.Id], cancel)).Succeeded);
        Assert.True((await desk.IssueLetterAsync(money.People.Giulia, started.Id, cancel)).Errors.ContainsKey("offboarding"));
        Assert.True((await desk.ApproveAsync(manager, started.Id, "Seen the incidents.", cancel)).Succeeded);
        Assert.True((await desk.AnswerAsync(money.People.Giulia, started.Id, "facts_verified", "again", cancel)).Errors.ContainsKey("offboarding"));
        // The manager issues it, and signs it: not Giulia, the rep the customer abused.
        var issued = await desk.IssueLetterAsync(manager, started.Id, cancel);
        var again = await desk.IssueLetterAsync(money.People.Giulia, started.Id, cancel);

        var letter = issued.Value!;
        Assert.Equal((OffboardingStatus.LetterIssued, "it"), (letter.Status, letter.LetterLanguage));
        Assert.Contains("non rinnoveremo il nostro accordo dopo il 31/01/2027", letter.LetterBody, StringComparison.Ordinal);
        Assert.Contains("Vini Rossi S.r.l.", letter.LetterBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Cantina Blu", letter.LetterBody, StringComparison.Ordinal);
        var managerName = await money.Db.Users.Where(u => u.Id == manager.UserId).Select(u => u.DisplayName).SingleAsync(cancel);
        Assert.EndsWith(managerName, letter.LetterBody!.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Giulia", letter.LetterBody, StringComparison.Ordinal);
        Assert.True(again.Errors.ContainsKey("offboarding"));
        Assert.Equal(["started", "facts_verified", "rules_explained", "education_tried", "money_weighed", "terms", "approved", "letter_issued"],
            letter.Events.Select(e => e.What));
        Assert.Equal("giulia", letter.Events[0].By);
        Assert.True((await desk.CompleteTaskAsync(money.People.Giulia, started.Id, "final_invoice", null, cancel)).Value!.FinalInvoiceDone);
        Assert.Equal(9, await money.Db.Set<OffboardingEvent>().CountAsync(cancel));
        // The letter goes out as mail does (recorded only here: no mailbox is connected), once, on the timeline.
        var sent = await money.Db.Interactions.AsNoTracking().SingleAsync(i => i.Subject == letter.LetterSubject, cancel);
        Assert.Equal((Interactions.Direction.Outbound, Interactions.Delivery.RecordedOnly, letter.LetterBody), (sent.Direction, sent.Delivery, sent.Body));
    }

    [Theory]
    [InlineData("en", "Abuse")]
    [InlineData("en", "Ethics")]
    [InlineData("en", "Capacity")]
    [InlineData("en", "Fit")]
    [InlineData("it", "Abuse")]
    [InlineData("it", "Ethics")]
    [InlineData("it", "Capacity")]
    [InlineData("it", "Fit")]
    [InlineData("el", "Abuse")]
    [InlineData("el", "Ethics")]
    [InlineData("el", "Capacity")]
    [InlineData("el", "Fit")]
    public void Letter_DirectOrDiscreet_InEachLanguage_LeavesNoPlaceholder(string language, string why)
    {
        var reason = Enum.Parse<LetGoReason>(why);
        var library = new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], TimeProvider.System).Current;
        var customer = new Addressee(4, "Hotel Bellavista", language, "Marco Greco", "Giulia Ferraro", null);

        var withReferral = OffboardingDesk.Letter(library, customer, reason, new DateOnly(2027, 1, 31), ["Vini Rossi"]);
        var without = OffboardingDesk.Letter(library, customer, reason, new DateOnly(2027, 1, 31), []);

        Assert.Equal(language, withReferral.Language);
        Assert.DoesNotContain("{", withReferral.Subject + withReferral.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", without.Body, StringComparison.Ordinal);
        Assert.Contains("Vini Rossi", withReferral.Body, StringComparison.Ordinal);
        Assert.Contains("2027", withReferral.Subject, StringComparison.Ordinal);
        Assert.Contains("Hotel Bellavista", withReferral.Body, StringComparison.Ordinal);
        Assert.EndsWith("Giulia Ferraro", withReferral.Body.TrimEnd(), StringComparison.Ordinal);
        // Direct letters name the reason; discreet ones speak of our capacity.
        var direct = OffboardingDesk.Letter(library, customer, LetGoReason.Abuse, new DateOnly(2027, 1, 31), []).Body;
        var discreet = OffboardingDesk.Letter(library, customer, LetGoReason.Fit, new DateOnly(2027, 1, 31), []).Body;
        Assert.NotEqual(direct.Split('\n')[1], discreet.Split('\n')[1]);
    }

    [Fact]
    public void DefaultEnd_IsTheRenewalDateWhenAhead_ElseTheEndOfNextMonth()
    {
        Assert.Equal(new DateOnly(2027, 3, 1), OffboardingDesk.DefaultEnd(new DateOnly(2027, 3, 1), new DateOnly(2026, 11, 2)));
        Assert.Equal(new DateOnly(2026, 12, 31), OffboardingDesk.DefaultEnd(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 2)));
        Assert.Equal(new DateOnly(2027, 1, 31), OffboardingDesk.DefaultEnd(null, new DateOnly(2026, 12, 15)));
        Assert.Equal(new DateOnly(2027, 2, 28), OffboardingDesk.DefaultEnd(null, new DateOnly(2027, 1, 31)));
    }
}
