using System.Text;
using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CalmDesk.Privacy;

public sealed class RetentionSweepTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task MessagesPastTheRule_LoseTheirTextAndFiles_KeepTheirReading_AndNewerOnesAreUntouched(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var people = await CaseFixture.SeedAsync(database);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalmDeskDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<InteractionLog>();
        var files = scope.ServiceProvider.GetRequiredService<AttachmentStore>();
        var old = await log.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, "Fattura sbagliata",
            "Siete degli incompetenti, è la terza volta che sbagliate la fattura! Voglio parlare con il responsabile."), Token);
        var file = await files.KeepAsync(new OutgoingFile("fattura.txt", "text/plain", Encoding.UTF8.GetBytes("old invoice")), Token);
        (await db.Interactions.Include(i => i.Attachments).SingleAsync(i => i.Id == old.Value!.Id, Token)).Attachments.Add(file);
        await db.SaveChangesAsync(Token);
        var reading = (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == old.Value!.Id, Token)).Analysis!;
        Assert.NotEqual(AngerLevel.Calm, reading.AngerLevel);
        database.Clock.Advance(TimeSpan.FromDays(3 * 365));
        var recent = await log.AddAsync(Viewer.System, people.Nino, new InteractionInput("email", "inbound", null, "Grazie", "Tutto a posto, grazie mille."), Token);

        var keepForever = new RetentionSweep(db, Options.Create(new PrivacyOptions()), files, database.Clock);
        Assert.Equal(0, await keepForever.RunAsync(Token));
        var sweep = new RetentionSweep(db, Options.Create(new PrivacyOptions { MessageRetentionYears = 2 }), files, database.Clock);
        Assert.Equal(1, await sweep.RunAsync(Token));
        Assert.Equal(0, await sweep.RunAsync(Token));

        db.ChangeTracker.Clear();
        var blanked = await db.Interactions.AsNoTracking().Include(i => i.Attachments).SingleAsync(i => i.Id == old.Value!.Id, Token);
        Assert.Equal(("", (string?)null, "{}"), (blanked.Body, blanked.Subject, blanked.Analysis!.Details));
        Assert.Equal(database.Clock.GetUtcNow(), blanked.BodyErasedAt);
        Assert.Empty(blanked.Attachments);
        Assert.False(await files.HasAsync(file.Sha256, Token));
        // The reading stays: health, cases and the let-go evidence still count the message.
        Assert.Equal((reading.AngerLevel, reading.AbuseScore), (blanked.Analysis.AngerLevel, blanked.Analysis.AbuseScore));
        Assert.DoesNotContain("incompetenti", blanked.SearchKey ?? "", StringComparison.Ordinal);
        var kept = await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == recent.Value!.Id, Token);
        Assert.Equal(("Tutto a posto, grazie mille.", (DateTimeOffset?)null), (kept.Body, kept.BodyErasedAt));
        // Re-reading the book with a new model leaves the blanked message's reading alone.
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<InteractionAnalysis>().ReanalyzeAsync(all: true, cancellationToken: Token));
        Assert.Equal(reading.AngerLevel, (await db.Interactions.AsNoTracking().SingleAsync(i => i.Id == old.Value!.Id, Token)).Analysis!.AngerLevel);
    }
}
