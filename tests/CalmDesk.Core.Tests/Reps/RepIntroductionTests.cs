using CalmDesk.Accounts;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Reps;

public sealed class RepIntroductionTests
{
    [Theory]
    [AllDatabases]
    public async Task Reassignment_DraftsTheNewRepsIntroductionInTheCustomersLanguage_SentOnceByTheNewRep(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var playbooks = new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock);
        var introductions = new RepIntroductions(db, database.Clock, playbooks, Books.InteractionLog(db, database.Clock));
        await introductions.SaveProfileAsync(people.James.UserId, " Twelve years selling Italian wines to restaurants. ", "WSET Level 3", cancel);

        var before = await introductions.PendingAsync(Viewer.System, people.Nino, cancel);
        var moved = await new CustomerDirectory(db, database.Clock).UpdateAsync(Viewer.System, people.Nino,
            new CustomerInput("Trattoria Da Nino", PreferredLanguage: "it", AssignedRepId: people.JamesRep), cancellationToken: cancel);
        var oldRep = await introductions.PendingAsync(people.Giulia, people.Nino, cancel);
        var draft = await introductions.PendingAsync(people.James, people.Nino, cancel);

        Assert.Null(before);
        Assert.True(moved.Succeeded);
        Assert.Null(oldRep);
        Assert.NotNull(draft);
        Assert.Equal(("it", "giulia", "james"), (draft.Language, draft.PreviousRep, draft.Rep));
        Assert.Equal("Il suo nuovo referente: james", draft.Subject);
        Assert.StartsWith("Gentile Nino Esposito,", draft.Body, StringComparison.Ordinal);
        Assert.Contains("al posto di giulia", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Qualcosa su di me: Twelve years selling Italian wines to restaurants.", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Sul piano formale: WSET Level 3.", draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", draft.Body, StringComparison.Ordinal);
        Assert.True(draft.ProfileComplete);

        var sent = await introductions.SendAsync(people.James, people.Nino, null, null, cancel);
        var again = await introductions.SendAsync(people.James, people.Nino, null, null, cancel);
        var byGiulia = await introductions.SendAsync(people.Giulia, people.Nino, null, null, cancel);

        Assert.True(sent.Succeeded);
        Assert.True(again.Errors.ContainsKey("introduction"));
        Assert.True(byGiulia.NotFound);
        Assert.Null(await introductions.PendingAsync(people.James, people.Nino, cancel));
        var recorded = await db.Interactions.AsNoTracking().SingleAsync(i => i.CustomerId == people.Nino && i.Direction == Direction.Outbound, cancel);
        Assert.Equal(draft.Subject, recorded.Subject);
        var reassignment = await db.Reassignments.AsNoTracking().SingleAsync(cancel);
        Assert.Equal((people.GiuliaRep, people.JamesRep, recorded.Id), (reassignment.FromRepId, reassignment.ToRepId, reassignment.InteractionId));
    }

    [Theory]
    [AllDatabases]
    public async Task Draft_WithoutAProfileOrAPreviousRep_LeavesThoseSentencesOut(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var playbooks = new PlaybookStore([Path.Combine(AppContext.BaseDirectory, "playbooks")], database.Clock);
        var customer = new Addressee(7, "Ταβέρνα Το Λιμανάκι", "el", "Γιώργος Αντωνίου", null, null);

        var letter = RepIntroductions.Draft(playbooks.Current, customer, new Rep { Id = 3, UserId = "u", DisplayName = "Νίκος Παπαδάκης" }, previous: null);

        Assert.Equal("el", letter.Language);
        Assert.Contains("από σήμερα θα είμαι ο άνθρωπός σας", letter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Λίγα λόγια για μένα", letter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("στη θέση", letter.Body, StringComparison.Ordinal);
        Assert.EndsWith("Νίκος Παπαδάκης", letter.Body.TrimEnd(), StringComparison.Ordinal);
    }
}
