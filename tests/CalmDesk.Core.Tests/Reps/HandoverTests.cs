using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

public sealed class HandoverTests
{
    [Theory]
    [AllDatabases]
    public async Task Approve_MovesTheOpenCasesAndPromisesWithTheAccount_AndTellsBothRepsAndTheManagers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        var manager = new Viewer(managerUser, true);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var promises = Books.CommitmentBook(db, database.Clock);
        var complaint = await Books.InteractionLog(db, database.Clock).AddAsync(
            Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, null, "Ci avete mandato il vino sbagliato, è la terza volta! Sono furioso."), cancel);
        var caseId = complaint.Value!.CaseId!.Value;
        var open = await promises.CreateAsync(people.Giulia, new CommitmentInput(null, caseId, "Richiamare con la data della consegna", database.Clock.GetUtcNow().AddDays(1)), cancellationToken: cancel);
        var kept = await promises.CreateAsync(people.Giulia, new CommitmentInput(people.Nino, null, "Mandare il listino", database.Clock.GetUtcNow().AddDays(2)), cancellationToken: cancel);
        await promises.CompleteAsync(people.Giulia, kept.Value!.Id, cancel);
        var desk = new HandoverDesk(db, database.Clock);
        var asked = await desk.RequestAsync(people.Giulia, people.Nino, "Preferisco che lo segua un collega.", cancel);

        var approved = await desk.ApproveAsync(manager, asked.Value!.Id, people.JamesRep, cancel);

        Assert.True(approved.Succeeded);
        var moved = Assert.Single(await promises.ListAsync(people.James, cancellationToken: cancel));
        Assert.Equal((open.Value!.Id, people.JamesRep), (moved.Id, moved.OwnerRepId));
        Assert.Empty(await promises.ListAsync(people.Giulia, cancellationToken: cancel));
        Assert.True((await promises.CompleteAsync(people.Giulia, open.Value.Id, cancel)).NotFound);
        Assert.Equal(people.GiuliaRep, (await promises.GetAsync(manager, kept.Value.Id, cancel))!.OwnerRepId);
        Assert.Contains(CommitmentChangeKind.Reassigned, (await promises.GetAsync(people.James, open.Value.Id, cancel))!.History.Select(h => h.Kind));
        var cases = Books.CaseBook(database, db);
        Assert.NotNull(await cases.GetAsync(people.James, caseId, cancel));
        Assert.Null(await cases.GetAsync(people.Giulia, caseId, cancel));
        var told = await db.Notifications.AsNoTracking().Where(n => n.CustomerId == people.Nino && (n.Kind == NotificationKind.AccountReceived || n.Kind == NotificationKind.AccountLeft || n.Kind == NotificationKind.AccountMoved))
            .Select(n => new { n.RecipientUserId, n.Kind }).ToListAsync(cancel);
        Assert.Contains(told, n => n.RecipientUserId == people.James.UserId && n.Kind == NotificationKind.AccountReceived);
        Assert.Contains(told, n => n.RecipientUserId == people.Giulia.UserId && n.Kind == NotificationKind.AccountLeft);
        Assert.Contains(told, n => n.RecipientUserId == managerUser && n.Kind == NotificationKind.AccountMoved);
        Assert.Equal(3, told.Count);
    }

    [Theory]
    [AllDatabases]
    public async Task HandoverNote_IsReadByTheProposedColleague_OnlyOnceTheAccountIsTheirs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        var manager = new Viewer(managerUser, true);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var desk = new HandoverDesk(db, database.Clock);
        var declined = await desk.RequestAsync(people.Giulia, people.Nino, null, cancel);
        Assert.Equal(people.JamesRep, declined.Value!.ToRepId);

        var whilePending = await desk.ListAsync(people.James, pendingOnly: false, cancel);
        await desk.DeclineAsync(manager, declined.Value.Id, cancel);
        var afterDecline = await desk.ListAsync(people.James, pendingOnly: false, cancel);
        var approved = await desk.RequestAsync(people.Giulia, people.Nino, null, cancel);
        await desk.ApproveAsync(manager, approved.Value!.Id, null, cancel);
        var afterApproval = await desk.ListAsync(people.James, pendingOnly: false, cancel);

        Assert.Empty(whilePending);
        Assert.Empty(afterDecline);
        Assert.Equal(approved.Value.Id, Assert.Single(afterApproval).Id);
        Assert.Equal(2, (await desk.ListAsync(people.Giulia, pendingOnly: false, cancel)).Count);
    }

    /// A customer taken from a rep because they crossed that rep's line is never handed back to them: the rep is not
    /// offered as a colleague, and a manager choosing them is refused.
    [Theory]
    [AllDatabases]
    public async Task Handover_NeverRoutesTheCustomerBackToARepWhoseLineTheyCrossed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var (_, managerUser) = await database.AddRepAsync("boss@ourco.example", Roles.Manager);
        var (thirdRep, _) = await database.AddRepAsync("third@ourco.example", Roles.Rep);
        var manager = new Viewer(managerUser, true);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var now = database.Clock.GetUtcNow();
        db.Handovers.Add(new Handover
        {
            CustomerId = people.Nino, FromRepId = people.GiuliaRep, ToRepId = people.JamesRep, Reason = HandoverReason.Tolerance,
            Status = HandoverStatus.Approved, RequestedAt = now.AddDays(-200), DecidedAt = now.AddDays(-200),
        });
        await db.Customers.Where(c => c.Id == people.Nino).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedRepId, people.JamesRep), cancel);
        await db.SaveChangesAsync(cancel);
        var desk = new HandoverDesk(db, database.Clock);

        var asked = await desk.RequestAsync(people.James, people.Nino, null, cancel);
        var colleagues = await desk.ColleaguesForAsync(people.Nino, cancel);
        var back = await desk.ApproveAsync(manager, asked.Value!.Id, people.GiuliaRep, cancel);
        var onward = await desk.ApproveAsync(manager, asked.Value.Id, thirdRep, cancel);

        Assert.DoesNotContain(colleagues, c => c.RepId == people.GiuliaRep);
        Assert.Contains(colleagues, c => c.RepId == thirdRep);
        Assert.Contains("toRepId", back.Errors.Keys);
        Assert.True(onward.Succeeded);
    }
}
