using CalmDesk.Accounts;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Campaigns;

public sealed class CampaignTests
{
    private const string Furious = "Siete degli incompetenti, vergognatevi! Chiamo il mio avvocato.";

    // Angry and threatening, naming no situation at all, so what anger alone does is tested apart from whether the model
    // also reads "incompetenti" as a credibility challenge (docs/analysis-labels.md), a reaction to us.
    private const string Outraged = "Vergognatevi! Chiamo subito il mio avvocato.";

    private static CampaignInput Spring(DateOnly today, IReadOnlyList<int>? customers = null) => new(
        "Spring review", "our flour range", 4.5m, today.AddDays(30), ["supplier", "shipping"],
        CompetitorPercent: 6m, OrderThreshold: 1000m, BetterRatePercent: 3m, CustomerIds: customers);

    private static CampaignDesk Desk(ReceivablesFixture money) =>
        new(money.Db, money.Database.Clock, money.Playbooks, money.Book, Books.InteractionLog(money.Db, money.Database.Clock));

    [Theory]
    [AllDatabases]
    public async Task CreateAsync_DraftsEachAnnouncementInTheCustomersLanguage_WithTheirVolumeAndTheOffer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 200, 400m);
        await money.InvoiceAsync(money.People.Nino, "N-2", 100, 300m);
        await money.Book.AddInvoiceAsync(Viewer.System, new InvoiceInput(money.People.Nino, "NC-1", money.Today.AddDays(-90), 100m, null, null, "credit_note", "N-2"), cancel);
        await money.InvoiceAsync(money.People.Nino, "N-OLD", 400, 9999m); // more than a year ago: not in the volume
        await money.InvoiceAsync(money.People.Harbour, "H-1", 10, 250m, currency: "GBP"); // another currency: not reached

        var outcome = await Desk(money).CreateAsync(Viewer.System, Spring(money.Today), "en", cancel);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.SelectMany(e => e.Value)));
        var nino = Assert.Single(outcome.Value!.Recipients);
        Assert.Equal((money.People.Nino, "it", 600m, 2), (nino.CustomerId, nino.Language, nino.Volume, nino.Invoices));
        Assert.Equal(RecipientStatus.Drafted, nino.Status);
        Assert.StartsWith("Gentile Nino Esposito,", nino.Body, StringComparison.Ordinal);
        Assert.Contains("i prezzi di our flour range aumentano del 4,5%", nino.Body, StringComparison.Ordinal);
        Assert.Contains("600,00\u00A0€", nino.Body, StringComparison.Ordinal);
        Assert.Contains("1.000,00\u00A0€", nino.Body, StringComparison.Ordinal);
        Assert.Contains("I nostri fornitori", nino.Body, StringComparison.Ordinal);
        Assert.Contains("Trasporti e spedizioni", nino.Body, StringComparison.Ordinal);
        Assert.Contains("circa il 6%", nino.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", nino.Body + nino.Subject, StringComparison.Ordinal);
        Assert.Contains(money.Today.AddDays(30).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("it")), nino.Subject, StringComparison.Ordinal);
        // The rep's talking points come in the reader's language, from the same figures.
        Assert.Contains(nino.TalkingPoints, p => p.Contains("€300.00 on average", StringComparison.Ordinal));
        Assert.Contains(nino.TalkingPoints, p => p.Contains("30 days to go", StringComparison.Ordinal));
        Assert.DoesNotContain(nino.TalkingPoints, p => p.Contains('{', StringComparison.Ordinal));
    }

    [Theory]
    [AllDatabases]
    public async Task CreateAsync_WithoutAScope_NamesTheWholePriceListInTheCustomersLanguage(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        await money.InvoiceAsync(money.People.Nino, "N-1", 20, 100m);
        await money.InvoiceAsync(money.People.Harbour, "H-1", 20, 100m);

        var outcome = await Desk(money).CreateAsync(Viewer.System, Spring(money.Today) with { Scope = null, OrderThreshold = null, BetterRatePercent = null }, "en", cancel);

        var letters = outcome.Value!.Recipients.ToDictionary(r => r.Language, r => r.Body);
        Assert.Contains("i prezzi del nostro listino aumentano del 4,5%", letters["it"], StringComparison.Ordinal);
        Assert.Contains("our list prices go up by 4.5%", letters["en"], StringComparison.Ordinal);
        Assert.All(letters.Values, body => Assert.DoesNotContain("{", body, StringComparison.Ordinal));
        Assert.DoesNotContain("1,000", letters["en"], StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task CreateAsync_BadInput_IsRefusedFieldByField_AndNothingIsStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var input = new CampaignInput("", new string('x', 201), 0m, money.Today, ["weather"], CompetitorPercent: 120m, OrderThreshold: 500m, Currency: "XXQ",
            CustomerIds: [money.People.Nino, 999]);

        var outcome = await Desk(money).CreateAsync(Viewer.System, input, "en", cancel);

        Assert.False(outcome.Succeeded);
        Assert.Equal(["competitorPercent", "currency", "customerIds", "effectiveOn", "name", "orderThreshold", "percent", "reasons", "scope"],
            outcome.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await money.Db.Campaigns.CountAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task Replies_AngryOneOpensAPriceObjectionCase_AndBringsTheFollowUpForward_CalmOnesAreOnlyCounted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var desk = Desk(money);
        var log = Books.InteractionLog(money.Db, database.Clock);
        await money.InvoiceAsync(money.People.Nino, "N-1", 60, 800m);
        await money.InvoiceAsync(money.People.Harbour, "H-1", 60, 500m);
        await log.AddAsync(Viewer.System, money.People.Harbour, new InteractionInput("email", "inbound", null, null, "Before the letter: see you on Friday."), cancel);
        var campaign = (await desk.CreateAsync(Viewer.System, Spring(money.Today), "en", cancel)).Value!;
        var nino = campaign.Recipients.Single(r => r.CustomerId == money.People.Nino);
        var harbour = campaign.Recipients.Single(r => r.CustomerId == money.People.Harbour);

        database.Clock.Advance(TimeSpan.FromHours(1));
        var sent = await desk.SendAsync(money.People.Giulia, nino.Id, null, null, "en", cancel);
        await desk.SendAsync(money.People.James, harbour.Id, null, null, "en", cancel);

        Assert.True(sent.Succeeded);
        var routine = sent.Value!.FollowUp!;
        Assert.Equal((CommitmentSource.Campaign, money.People.GiuliaRep), (routine.Source, routine.OwnerRepId));
        Assert.Equal(database.Clock.GetUtcNow().AddDays(7), routine.DueAt);
        var timeline = await money.Db.Interactions.AsNoTracking().SingleAsync(i => i.Id == sent.Value.InteractionId, cancel);
        Assert.Equal((Direction.Outbound, nino.Subject), (timeline.Direction, timeline.Subject));

        database.Clock.Advance(TimeSpan.FromDays(1));
        var angry = await log.AddAsync(Viewer.System, money.People.Nino, new InteractionInput("email", "inbound", null, null, Outraged), cancel);
        await log.AddAsync(Viewer.System, money.People.Harbour, new InteractionInput("email", "inbound", null, null, "Thanks for letting us know early, noted."), cancel);
        // A new thread of its own is not an answer to the letter; a "Re:" to it is, whatever it says.
        await log.AddAsync(Viewer.System, money.People.Harbour, new InteractionInput("email", "inbound", null, "Order for next week", "Please send the usual twenty sacks on Tuesday."), cancel);
        await log.AddAsync(Viewer.System, money.People.Harbour, new InteractionInput("email", "inbound", null, "RE: " + harbour.Subject, "Thanks, see you on Friday."), cancel);

        var @case = await money.Db.Cases.AsNoTracking().SingleAsync(c => c.Id == angry.Value!.CaseId, cancel);
        Assert.True(@case.SituationList.Contains("price_objection"), @case.Situations);
        var detail = (await desk.GetAsync(Viewer.System, campaign.Summary.Id, "en", cancel))!;
        Assert.Equal((2, 2, 2, 1, 1, 2), (detail.Summary.Recipients, detail.Summary.Sent, detail.Summary.Replied, detail.Summary.Angry, detail.Summary.Cases, detail.Summary.FollowUpsOpen));
        var ninoNow = detail.Recipients.Single(r => r.CustomerId == money.People.Nino);
        Assert.True(ninoNow.Angry);
        Assert.Equal(@case.Id, ninoNow.CaseId);
        var callBack = ninoNow.FollowUp!;
        Assert.Equal(routine.Id, callBack.Id);
        Assert.Equal(@case.Id, callBack.CaseId);
        Assert.Equal(database.Clock.GetUtcNow().AddHours(24), callBack.DueAt);
        Assert.Equal(CommitmentChangeKind.BroughtForward, callBack.History[^1].Kind);
        var harbourNow = detail.Recipients.Single(r => r.CustomerId == money.People.Harbour);
        Assert.Equal((2, false, (int?)null), (harbourNow.Replies.Count, harbourNow.Angry, harbourNow.CaseId));
        Assert.DoesNotContain(harbourNow.Replies, reply => reply.Subject == "Order for next week");
        Assert.Equal(database.Clock.GetUtcNow().AddDays(6), harbourNow.FollowUp!.DueAt);
    }

    [Theory]
    [AllDatabases]
    public async Task Replies_AfterTheWindowCloses_AreNotTakenForAnswersToTheAnnouncement(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var desk = Desk(money);
        await money.InvoiceAsync(money.People.Nino, "N-1", 60, 800m);
        var campaign = (await desk.CreateAsync(Viewer.System, Spring(money.Today), "en", cancel)).Value!;
        await desk.SendAsync(Viewer.System, campaign.Recipients[0].Id, null, null, "en", cancel);

        database.Clock.Advance(TimeSpan.FromDays(30 + CampaignReplies.DaysAfterEffective + 2));
        var late = await Books.InteractionLog(money.Db, database.Clock).AddAsync(Viewer.System, money.People.Nino, new InteractionInput("email", "inbound", null, null, Furious), cancel);

        var @case = await money.Db.Cases.AsNoTracking().SingleAsync(c => c.Id == late.Value!.CaseId, cancel);
        Assert.DoesNotContain("price_objection", @case.SituationList);
        var detail = (await desk.GetAsync(Viewer.System, campaign.Summary.Id, "en", cancel))!;
        Assert.Equal(0, detail.Summary.Replied);
        Assert.Null(await money.Db.Commitments.AsNoTracking().Where(c => c.CaseId == @case.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancel));
    }

    [Theory]
    [AllDatabases]
    public async Task SendAsync_IsNeverDoneTwice_AndARepReachesOnlyTheirOwnCustomers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var money = await ReceivablesFixture.CreateAsync(database);
        var cancel = TestContext.Current.CancellationToken;
        var desk = Desk(money);
        await money.InvoiceAsync(money.People.Nino, "N-1", 60, 800m);
        await money.InvoiceAsync(money.People.Harbour, "H-1", 60, 500m);
        var campaign = (await desk.CreateAsync(Viewer.System, Spring(money.Today), "en", cancel)).Value!;
        var nino = campaign.Recipients.Single(r => r.CustomerId == money.People.Nino);

        var asJames = await desk.SendAsync(money.People.James, nino.Id, null, null, "en", cancel);
        var first = await desk.SendAsync(money.People.Giulia, nino.Id, "Prezzi 2027", "Testo rivisto dalla rep.", "en", cancel);
        var second = await desk.SendAsync(money.People.Giulia, nino.Id, null, null, "en", cancel);

        Assert.True(asJames.NotFound);
        Assert.True(first.Succeeded);
        Assert.True(second.Errors.ContainsKey("status"));
        Assert.Equal(1, await money.Db.Interactions.CountAsync(i => i.CustomerId == money.People.Nino && i.Direction == Direction.Outbound, cancel));
        Assert.Equal("Testo rivisto dalla rep.", (await money.Db.Interactions.SingleAsync(i => i.Id == first.Value!.InteractionId, cancel)).Body);
        var giuliaSees = (await desk.GetAsync(money.People.Giulia, campaign.Summary.Id, "it", cancel))!;
        Assert.Equal([money.People.Nino], giuliaSees.Recipients.Select(r => r.CustomerId));
        Assert.Equal(1, Assert.Single(await desk.ListAsync(money.People.James, cancel)).Recipients);
    }

    /// What answers a price letter, from the subject and the situations the analysis found (no model involved).
    [Theory]
    [InlineData(null, "", true)] // a chat or SMS that names nothing: "noted, thanks"
    [InlineData(null, "credibility_challenge", true)] // "you are incompetent", right after the letter
    [InlineData(null, "boundary_request", false)] // "can you deliver on Sunday?"
    [InlineData(null, "praise", true)] // "thanks for letting us know"
    [InlineData("Thank you", "praise", false)] // a thread of its own: thanks for something else
    [InlineData("Re: A change to your prices from 1 March", "boundary_request", true)] // threaded to the letter
    [InlineData("R: ΑΠ: a change to your prices from 1 march", "", true)]
    [InlineData("Re: aumento", "", true)] // a reply, to something the customer called "aumento"
    [InlineData("Re: Order SO-24519", "late_response_complaint", true)] // a reply that only reacts: kept
    [InlineData("Who is looking after our account?", "credibility_challenge", false)] // a thread of its own
    [InlineData("Order for next week", "", false)]
    [InlineData("Order for next week", "price_objection", true)] // about the price, whatever the subject
    [InlineData("Nuovo portale", "change_resistance,late_response_complaint", true)]
    [InlineData("Re: Delivery", "wrong_delivery", false)]
    public void Answers_TheLetterOrThePrice_NotAMatterOfItsOwn(string? subject, string situations, bool answers) =>
        Assert.Equal(answers, CampaignReplies.Answers(subject, "A change to your prices from 1 March", CalmDesk.Cases.Case.Split(situations)));

    /// An angry reply is called back within a day of open time: Saturday night's by Monday's closing, Tuesday morning's
    /// by Wednesday morning; a business with no opening hours, within 24 hours.
    [Theory]
    [InlineData("2026-11-28T05:04:00Z", true, "2026-11-30T18:00:00Z")] // Saturday, before dawn
    [InlineData("2026-12-01T10:00:00Z", true, "2026-12-02T10:00:00Z")] // Tuesday morning
    [InlineData("2026-12-04T16:50:00Z", true, "2026-12-07T17:00:00Z")] // Friday afternoon: the next quarter hour, then Monday
    [InlineData("2026-11-28T05:04:00Z", false, "2026-11-29T05:04:00Z")]
    public void CallBackBy_CountsOneOpenDay_WhereTheBusinessKeepsHours(string reply, bool hours, string expected)
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var terms = new Boundaries.EffectiveTerms(null, null, hours ? weekdays : null, hours ? new TimeOnly(8, 0) : null, hours ? new TimeOnly(18, 0) : null,
            null, null, null, null, []);

        var due = CampaignReplies.CallBackBy(DateTimeOffset.Parse(reply, System.Globalization.CultureInfo.InvariantCulture), terms, TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }
}
