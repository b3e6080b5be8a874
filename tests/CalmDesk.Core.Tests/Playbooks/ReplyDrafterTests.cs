using System.Globalization;
using System.Text.RegularExpressions;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Interactions;

namespace CalmDesk.Playbooks;

public sealed partial class ReplyDrafterTests
{
    private static readonly PlaybookLibrary Library = PlaybookLibrary.Load([Path.Combine(AppContext.BaseDirectory, "playbooks")]);
    private static readonly DateTimeOffset Due = new(2026, 11, 4, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Languages => new() { { "en", "Oliver Grant" }, { "it", "Nino Esposito" }, { "el", "Γιώργος Αντωνίου" } };

    [Theory]
    [InlineData("Ρωτήσατε για τις {asked}.", "7:00 π.μ.", "Ρωτήσατε για τις 7:00 π.μ.")]
    [InlineData("You asked about {asked}.", "7:00", "You asked about 7:00.")]
    [InlineData("Per {asked}, grazie.", "Rossi S.p.A.", "Per Rossi S.p.A., grazie.")]
    public void Fill_AValueThatEndsWithAFullStop_TakesTheSentencesOwn(string template, string value, string expected) =>
        Assert.Equal(expected, ReplyDrafter.Fill(template, new Dictionary<string, string> { ["asked"] = value }));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Draft_OurMistake_InTheContactsLanguage_WithFacts_PromiseDate_AndOneApology(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.OurMistake, AngerLevel.Furious, ["wrong_delivery"]) with { ContactGender = "male" };

        var draft = ReplyDrafter.Draft(detail, Library, "Giulia Ferraro", TimeZoneInfo.Utc);

        var texts = Library.Replies(language)!;
        Assert.Equal(language, draft.Language);
        Assert.Contains(contact.Split(' ')[^1], draft.Body, StringComparison.Ordinal);
        Assert.Contains("SO-24123", draft.Body, StringComparison.Ordinal);
        Assert.Contains(SaidAs(language, Due), draft.Body, StringComparison.Ordinal);
        Assert.EndsWith("Giulia Ferraro", draft.Body, StringComparison.Ordinal);
        Assert.Equal(1, Count(draft.Body, texts.Sections["apology"][0]));
        Assert.Contains(texts.Sections["acknowledge-furious"][0], draft.Body, StringComparison.Ordinal);
        Assert.Equal(["our-mistake", "wrong-delivery"], draft.Playbooks);
        AssertClean(draft, texts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Draft_NotOurMistake_NoApology_AndTheAccountNotTheDebt(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Annoyed, ["payment_delay"]);

        var draft = ReplyDrafter.Draft(detail, Library, "Nikos Papadakis", TimeZoneInfo.Utc);

        var texts = Library.Replies(language)!;
        Assert.Equal(0, Count(draft.Body, texts.Sections["apology"][0]));
        Assert.Contains(texts.Sections["acknowledge-annoyed"][0], draft.Body, StringComparison.Ordinal);
        Assert.Contains(Library.Matching(["payment_delay"], language)[0].Reply[0], draft.Body, StringComparison.Ordinal);
        AssertClean(draft, texts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void DelayNotice_GivesBothDates_InTheCustomersCulture(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]);
        var notice = ReplyDrafter.DelayNotice(detail, language, contact, "Laura Bianchi", Due, Due.AddDays(2), Library, TimeZoneInfo.Utc);

        Assert.Contains(SaidAs(language, Due), notice.Body, StringComparison.Ordinal);
        Assert.Contains(SaidAs(language, Due.AddDays(2)), notice.Body, StringComparison.Ordinal);
        Assert.StartsWith(Library.Replies(language)!.Sections["greeting"][0].Replace("{contact}", contact, StringComparison.Ordinal), notice.Body, StringComparison.Ordinal);
        AssertClean(notice, Library.Replies(language)!);
    }

    /// A promise made outside a case has no case title to answer: the notice's subject says what it is about.
    [Theory]
    [InlineData("en", "A new date for what I promised you")]
    [InlineData("it", "Una nuova data per quanto le avevo promesso")]
    [InlineData("el", "Νέα ημερομηνία για όσα σας είχα υποσχεθεί")]
    public void DelayNotice_WithoutACase_HasASubjectOfItsOwn(string language, string subject)
    {
        var notice = ReplyDrafter.DelayNotice(null, language, "Anna", "Laura Bianchi", Due, Due.AddDays(2), Library, TimeZoneInfo.Utc);

        Assert.Equal(subject, notice.Subject);
        Assert.Contains(SaidAs(language, Due.AddDays(2)), notice.Body, StringComparison.Ordinal);
    }

    /// The case's title is the team's ("Consignment" here; a rep may rename it "Sunday delivery, outside the terms"):
    /// a reply answers the customer's own subject, without its prefixes, and falls back on the title only when the
    /// customer wrote none.
    [Fact]
    public void Draft_AnswersTheCustomersOwnSubject_NotTheCasesTitle()
    {
        var detail = Case("it", "Nino Esposito", RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]);
        var message = detail.Interactions[0];
        var answered = detail with { Interactions = [message with { Subject = "R: Consegna sbagliata" }] };
        var untitled = detail with { Interactions = [message with { Subject = null }] };

        Assert.Equal("Re: Consegna sbagliata", ReplyDrafter.Draft(answered, Library, "Giulia Ferraro", TimeZoneInfo.Utc).Subject);
        Assert.Equal("Re: Consegna sbagliata", ReplyDrafter.DelayNotice(answered, "it", null, "Giulia Ferraro", Due, Due.AddDays(2), Library, TimeZoneInfo.Utc).Subject);
        Assert.Equal("Re: Consignment", ReplyDrafter.Draft(untitled, Library, "Giulia Ferraro", TimeZoneInfo.Utc).Subject);
    }

    [Fact]
    public void Draft_UnknownLanguage_FallsBackToEnglish()
    {
        var draft = ReplyDrafter.Draft(Case("sv", "Anna", RootCause.Unknown, AngerLevel.Calm, ["price_objection"]), Library, "James", TimeZoneInfo.Utc);

        Assert.Equal("en", draft.Language);
        Assert.StartsWith("Dear Anna,", draft.Body, StringComparison.Ordinal);
    }

    /// English with no country is British: the day before the month, a 24-hour clock. Only a customer in the US
    /// reads month-first; both drafts give the promise in the customer's own time zone.
    [Fact]
    public void Draft_WritesTheDate_AsTheCustomersCountryAndZoneDo()
    {
        var uk = ReplyDrafter.Draft(Case("en", "Oliver Grant", RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]), Library, "James", TimeZoneInfo.Utc);
        var us = ReplyDrafter.Draft(Case("en", "Ava Miller", RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]) with { Country = "US", TimeZone = "America/New_York" },
            Library, "James", TimeZoneInfo.Utc);

        Assert.Contains(" 4 November 2026 at 15:00", uk.Body, StringComparison.Ordinal);
        Assert.Matches(@"Wednesday, November 4, 2026 at 10:00\sAM", us.Body);
    }

    /// A guide phrase whose value the case does not know yet shows a blank to fill, not a sentence with a hole.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Phrase_WithoutAPromise_ShowsABlank_NotAHole(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]) with { Commitments = [] };
        var phrase = Library.Guide(language)!.Steps["pause"].Phrases.Single(p => p.Contains("{date}", StringComparison.Ordinal));

        var text = ReplyDrafter.Phrase(phrase, detail, "James", due: null, TimeZoneInfo.Utc);

        Assert.Contains(ReplyDrafter.Blank, text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\s[,.]|\s{2}", text);
        Assert.DoesNotMatch(Placeholder(), text);
    }

    /// A promise already overdue is not given to the customer again as the deadline: the reply names the next one still
    /// ahead, and with none ahead it promises no date at all.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Draft_AnOverduePromise_IsNotOfferedAgainAsTheDeadline(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Angry, ["wrong_delivery"]);
        var later = detail.Commitments[0] with { Id = 6, DueAt = Due.AddDays(2) };
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : language);

        var before = ReplyDrafter.Draft(detail, Library, "James", TimeZoneInfo.Utc, now: Due.AddHours(-3));
        var overdue = ReplyDrafter.Draft(detail, Library, "James", TimeZoneInfo.Utc, now: Due.AddDays(1));
        var next = ReplyDrafter.Draft(detail with { Commitments = [detail.Commitments[0], later] }, Library, "James", TimeZoneInfo.Utc, now: Due.AddDays(1));

        Assert.Contains(ReplyDrafter.Format(Due, TimeZoneInfo.Utc, culture), before.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplyDrafter.Format(Due, TimeZoneInfo.Utc, culture), overdue.Body, StringComparison.Ordinal);
        Assert.DoesNotMatch(Placeholder(), overdue.Body);
        Assert.Contains(ReplyDrafter.Format(later.DueAt, TimeZoneInfo.Utc, culture), next.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplyDrafter.Format(Due, TimeZoneInfo.Utc, culture), next.Body, StringComparison.Ordinal);
    }

    /// Italian articles before a filled figure or a dated weekday, as an Italian reader writes them.
    [Theory]
    [InlineData("non rinnoveremo il nostro accordo dopo il 11/07/2027.", "non rinnoveremo il nostro accordo dopo l'11/07/2027.")]
    [InlineData("può detrarre il 8% dall'importo", "può detrarre l'8% dall'importo")]
    [InlineData("era in scadenza il 08/12/2026", "era in scadenza l'08/12/2026")]
    [InlineData("aumentano del 80%, dal 11/01", "aumentano dell'80%, dall'11/01")]
    [InlineData("dal lunedì 4 gennaio 2027, i prezzi", "da lunedì 4 gennaio 2027, i prezzi")]
    [InlineData("entro il venerdì 27 novembre", "entro venerdì 27 novembre")]
    [InlineData("il 18/07 e il 1° luglio e il 110%", "il 18/07 e il 1° luglio e il 110%")]
    [InlineData("il lunedì siamo chiusi", "il lunedì siamo chiusi")]
    [InlineData("Dear Ms Hughes, by Friday 8 May", "Dear Ms Hughes, by Friday 8 May")]
    public void ElideItalian_TheArticleBeforeAFigureOrADatedWeekday(string filled, string expected) =>
        Assert.Equal(expected, Localization.ItalianArticles.Elide(filled));

    /// A known gender greets by title and surname, in Greek in the vocative; an unknown one gets the neutral form,
    /// never "Αγαπητέ/ή" with the name in the nominative.
    [Theory]
    [InlineData("el", "Ιωάννης Μαρκάκης", "male", "Αγαπητέ κύριε Μαρκάκη,")]
    [InlineData("el", "Νίκος Παπαδόπουλος", "male", "Αγαπητέ κύριε Παπαδόπουλε,")]
    [InlineData("el", "Ελένη Μαρκάκη", "female", "Αγαπητή κυρία Μαρκάκη,")]
    [InlineData("el", "Ελένη Μαρκάκη", null, "Χαίρετε,")]
    [InlineData("it", "Anna Bruno", "female", "Gentile signora Bruno,")]
    [InlineData("it", "Anna Bruno", null, "Gentile Anna Bruno,")]
    [InlineData("en", "Sarah Hughes", "female", "Dear Ms Hughes,")]
    [InlineData("en", "Tom Reid", "male", "Dear Mr Reid,")]
    public void Draft_GreetsTheContact_ByGenderWhenKnown(string language, string contact, string? gender, string greeting)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Calm, ["price_objection"]) with { ContactGender = gender };

        var draft = ReplyDrafter.Draft(detail, Library, "James", TimeZoneInfo.Utc);

        Assert.StartsWith(greeting + "\n", draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/", draft.Body.Split('\n')[0], StringComparison.Ordinal);
    }

    /// The credibility reply speaks of the rep's experience only from their own profile; without one it says nothing.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Draft_CredibilityChallenge_ClaimsOnlyTheExperienceInTheRepsProfile(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Annoyed, ["credibility_challenge"]);

        var without = ReplyDrafter.Draft(detail, Library, "James", TimeZoneInfo.Utc);
        var with = ReplyDrafter.Draft(detail, Library, "James", TimeZoneInfo.Utc, "twelve years selling wine to restaurants.");

        Assert.Contains("credibility", without.Playbooks);
        Assert.DoesNotMatch(@"years|anni|χρόνια", without.Body);
        Assert.DoesNotMatch(Placeholder(), without.Body);
        Assert.Contains("twelve years selling wine to restaurants.", with.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("restaurants..", with.Body, StringComparison.Ordinal);
    }

    /// A draft answers abuse not answered yet; once a reply has gone out after it, the customer who writes calmly again is
    /// not asked once more to keep to the facts. A reply before the abuse, or one that failed, answered nothing. The case
    /// page's playbooks still list it.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Draft_AbuseAlreadyAnswered_IsNotRaisedAgain(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.Unknown, AngerLevel.Annoyed, ["wrong_delivery"]);
        var calm = detail.Interactions[0];
        var abusive = calm with { Id = 2, OccurredAt = Due.AddDays(-4), Analysis = calm.Analysis! with { Abuse = new AnalysisDocument.AbusePart(0.95, ["insult"], true) } };
        var reply = calm with { Id = 3, Direction = Direction.Outbound, OccurredAt = Due.AddDays(-3) };

        var unanswered = ReplyDrafter.Draft(detail with { Interactions = [abusive, calm] }, Library, "James", TimeZoneInfo.Utc);
        var answered = ReplyDrafter.Draft(detail with { Interactions = [abusive, reply, calm] }, Library, "James", TimeZoneInfo.Utc);
        var earlierReply = ReplyDrafter.Draft(detail with { Interactions = [reply with { OccurredAt = Due.AddDays(-5) }, abusive, calm] }, Library, "James", TimeZoneInfo.Utc);
        var failedReply = ReplyDrafter.Draft(detail with { Interactions = [abusive, reply with { Delivery = Delivery.Failed }, calm] }, Library, "James", TimeZoneInfo.Utc);

        var abuseReply = Library.Matching(["abuse"], language)[0].Reply[0];
        Assert.Contains("abuse", unanswered.Playbooks);
        Assert.Contains(abuseReply, unanswered.Body, StringComparison.Ordinal);
        Assert.Contains("abuse", earlierReply.Playbooks);
        Assert.Contains("abuse", failedReply.Playbooks);
        Assert.DoesNotContain("abuse", answered.Playbooks);
        Assert.DoesNotContain(abuseReply, answered.Body, StringComparison.Ordinal);
        Assert.Contains("abuse", ReplyDrafter.Signals(detail with { Interactions = [abusive, reply, calm] }));
    }

    /// How a reader of the language writes the moment in a letter: the day in full, the time joined by the language's word
    /// (Greek writes a narrow no-break space before μ.μ., as the culture's clock does).
    private static string SaidAs(string language, DateTimeOffset when) => (language, when.Day) switch
    {
        ("en", 4) => "Wednesday, 4 November 2026 at 15:00",
        ("en", 6) => "Friday, 6 November 2026 at 15:00",
        ("it", 4) => "mercoledì 4 novembre 2026 alle 15:00",
        ("it", 6) => "venerdì 6 novembre 2026 alle 15:00",
        ("el", 4) => "Τετάρτη 4 Νοεμβρίου 2026 στις 3:00\u202Fμ.μ.",
        ("el", 6) => "Παρασκευή 6 Νοεμβρίου 2026 στις 3:00\u202Fμ.μ.",
        _ => throw new ArgumentOutOfRangeException(nameof(when)),
    };

    [Theory]
    [InlineData("it", 13, "alle 13:00")]
    [InlineData("it", 1, "all'01:00")]
    [InlineData("el", 13, "στη 1:00\u202Fμ.μ.")]
    [InlineData("el", 10, "στις 10:00\u202Fπ.μ.")]
    [InlineData("en", 9, "at 09:00")]
    public void Format_JoinsTheTimeWithTheLanguagesWordForIt(string language, int hour, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : language);

        var said = ReplyDrafter.Format(new DateTimeOffset(2026, 12, 4, hour, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc, culture);

        Assert.EndsWith(expected, said, StringComparison.Ordinal);
    }

    private static void AssertClean(ReplyDraft draft, ReplyTexts texts)
    {
        Assert.DoesNotMatch(Placeholder(), draft.Subject + draft.Body);
        Assert.All(texts.Banned, banned => Assert.DoesNotContain(banned, draft.Body, StringComparison.OrdinalIgnoreCase));
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static CaseDetail Case(string language, string contact, RootCause cause, AngerLevel anger, IReadOnlyList<string> situations)
    {
        var analysis = new AnalysisDocument(language, 0.9, new AnalysisDocument.AngerPart(0.5, anger), new AnalysisDocument.AbusePart(0, [], false), [], [], [], [], []);
        InteractionView message = new(1, 1, 1, contact, Channel.Email, Direction.Inbound, Due.AddDays(-2), "Order", "…", null, contact, "x", analysis);
        CommitmentView promise = new(5, 1, "Company", 3, "Title", 2, "Rep", "Call back", Due, Due.AddHours(-1), Due.AddMinutes(-30),
            CommitmentStatus.Open, CommitmentState.Upcoming, CommitmentSource.Guide, Due.AddDays(-1), null, []);
        return new CaseDetail(
            3, 1, "Company", "Consignment", CaseStatus.Open, situations, cause, "40 cases of 330ml instead of 750ml", "Monday", "SO-24123", null, null, [], null,
            Due.AddDays(-2), Due.AddDays(-2), null, language, contact, null, "Rep", [message], [promise]);
    }

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();
}
