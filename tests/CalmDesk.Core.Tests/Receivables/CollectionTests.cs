using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Receivables;

public sealed class CollectionTests
{
    [Theory]
    [AllDatabases]
    public async Task RunAsync_EachStepFiresOnceAsTheDaysPass_AndNeverAfterPayment(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 30, 100m); // due today
        var fired = new List<string>();

        async Task DayAsync(int days)
        {
            database.Clock.Advance(TimeSpan.FromDays(days));
            var result = await money.Sweep.RunAsync(cancel);
            var again = await money.Sweep.RunAsync(cancel);
            Assert.Equal(new CollectionSweep.Result(0, 0), again);
            fired.Add($"{result.Drafted}{result.Skipped}");
        }

        await DayAsync(2);   // 2 days late: nothing yet
        await DayAsync(1);   // 3: friendly
        await DayAsync(12);  // 15: notice
        await DayAsync(15);  // 30: call
        await money.Book.AddPaymentAsync(Viewer.System, new PaymentInput(money.People.Nino, "PAID", money.Today, 100m, "N-1"), cancel);
        await DayAsync(40);  // paid: the 60-day copy never comes

        Assert.Equal(["00", "10", "10", "10", "00"], fired);
        var steps = await money.Db.CollectionActions.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Step).ToListAsync(cancel);
        Assert.Equal(["friendly", "notice", "call"], steps);
        Assert.Equal(3, await money.Db.Notifications.CountAsync(n => n.Kind == NotificationKind.Collection, cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task RunAsync_AnInvoiceFoundLate_DraftsOnlyTheLatestStepAndSkipsTheEarlierOnes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-OLD", 100, 250m); // 70 days late

        var result = await money.Sweep.RunAsync(cancel);

        Assert.Equal(new CollectionSweep.Result(1, 3), result);
        var pending = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: cancel));
        Assert.Equal(("copy-60", "it"), (pending.Step, pending.Language));
        Assert.Contains("N-OLD", pending.Body, StringComparison.Ordinal);
        Assert.Contains("70", pending.Body, StringComparison.Ordinal);
        Assert.StartsWith("Gentile Nino Esposito,", pending.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Dear", "the account")]
    [InlineData("it", "Gentile", "la posizione")]
    [InlineData("el", "Χαίρετε,", "ο λογαριασμός")]
    public void Step_Notice_IsInTheCustomersLanguageAboutTheAccount_WithoutBannedPhrases(string language, string greeting, string account)
    {
        var library = Playbooks.PlaybookLibrary.Load([Path.Combine(AppContext.BaseDirectory, "playbooks")]);
        var invoice = new Invoice { Id = 7, Number = "INV-7", Currency = "EUR", IssuedOn = new(2026, 9, 1), DueOn = new(2026, 10, 1), Amount = 1234.5m };
        var state = new InvoiceState(invoice, 1234.5m, null);

        var letter = CollectionLetters.Step(library, CollectionStepKind.Notice, false, new(0, "Acme", language, "Ann", "Giulia", null), state, new DateOnly(2026, 10, 21), new ReceivablesOptions());

        Assert.StartsWith(greeting, letter.Body, StringComparison.Ordinal);
        Assert.Contains(account, letter.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("20", letter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", letter.Body, StringComparison.Ordinal);
        Assert.All(library.Replies(language)!.Banned, banned => Assert.DoesNotContain(banned, letter.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(library.Problems);
    }

    [Theory]
    [AllDatabases]
    public async Task CompleteAsync_SendsAStepOnce_IntoTheTimeline(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 35, 100m);
        await money.Sweep.RunAsync(cancel);
        var step = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: cancel));

        var sent = await money.Desk.CompleteAsync(money.People.Giulia, step.Id, null, "Edited by Giulia", cancel);
        var twice = await money.Desk.CompleteAsync(money.People.Giulia, step.Id, null, null, cancel);
        var stranger = await money.Desk.CompleteAsync(money.People.James, step.Id, null, null, cancel);

        Assert.Equal(CollectionActionStatus.Done, sent.Value!.Status);
        Assert.Contains("status", twice.Errors.Keys);
        Assert.True(stranger.NotFound);
        var email = await money.Db.Interactions.AsNoTracking().SingleAsync(i => i.Id == sent.Value.InteractionId, cancel);
        Assert.Equal((Direction.Outbound, "Edited by Giulia"), (email.Direction, email.Body));
        // What became of it, for the page to say: no mailbox sends here, so it is recorded only, as the timeline shows.
        Assert.Equal((Delivery.RecordedOnly, Delivery.RecordedOnly), (sent.Value.Delivery, email.Delivery));
    }

    /// A customer protesting an invoice (an open complaint) gets no payment reminder: nothing is drafted, a step drafted
    /// before the complaint cannot be sent, and the plan resumes once the case is resolved.
    [Theory]
    [AllDatabases]
    public async Task Reminders_PauseWhileAComplaintIsOpen_AndResumeWhenItIsResolved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var cases = Books.CaseBook(database, money.Db);
        await money.InvoiceAsync(money.People.Nino, "N-1", 35, 100m);
        await money.Sweep.RunAsync(cancel);
        var drafted = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: cancel));
        var complaint = await cases.CreateAsync(money.People.Giulia, money.People.Nino, "Pallets arrived broken", ["wrong_delivery"], null, cancel);
        await money.InvoiceAsync(money.People.Nino, "N-2", 40, 80m);

        var duringComplaint = await money.Sweep.RunAsync(cancel);
        var held = Assert.Single(await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: cancel));
        var refused = await money.Desk.CompleteAsync(money.People.Giulia, drafted.Id, null, null, cancel);

        Assert.Equal(new CollectionSweep.Result(0, 0), duringComplaint);
        Assert.Equal(complaint.Value!.Id, held.PausedBy?.CaseId);
        Assert.Contains("paused", refused.Errors.Keys);

        await cases.ResolveAsync(money.People.Giulia, complaint.Value.Id, "Pallets replaced", null, null, cancel);
        var afterwards = await money.Sweep.RunAsync(cancel);
        var pending = await money.Desk.ActionsAsync(money.People.Giulia, pendingOnly: true, cancellationToken: cancel);

        Assert.Equal(1, afterwards.Drafted);
        Assert.Equal(2, pending.Count);
        Assert.All(pending, p => Assert.Null(p.PausedBy));
        Assert.Equal(CollectionActionStatus.Done, (await money.Desk.CompleteAsync(money.People.Giulia, drafted.Id, null, null, cancel)).Value!.Status);
    }
}
