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
    [MemberData(nameof(Languages))]
    public void Draft_OurMistake_InTheContactsLanguage_WithFacts_PromiseDate_AndOneApology(string language, string contact)
    {
        var detail = Case(language, contact, RootCause.OurMistake, AngerLevel.Furious, ["wrong_delivery"]);

        var draft = ReplyDrafter.Draft(detail, Library, "Giulia Ferraro", TimeZoneInfo.Utc);

        var texts = Library.Replies(language)!;
        Assert.Equal(language, draft.Language);
        Assert.Contains(contact, draft.Body, StringComparison.Ordinal);
        Assert.Contains("SO-24123", draft.Body, StringComparison.Ordinal);
        Assert.Contains(Due.ToString("f", CultureInfo.GetCultureInfo(language)), draft.Body, StringComparison.Ordinal);
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
        var culture = CultureInfo.GetCultureInfo(language);

        var notice = ReplyDrafter.DelayNotice(detail, language, contact, "Laura Bianchi", Due, Due.AddDays(2), Library, TimeZoneInfo.Utc);

        Assert.Contains(Due.ToString("f", culture), notice.Body, StringComparison.Ordinal);
        Assert.Contains(Due.AddDays(2).ToString("f", culture), notice.Body, StringComparison.Ordinal);
        Assert.StartsWith(Library.Replies(language)!.Sections["greeting"][0].Replace("{contact}", contact, StringComparison.Ordinal), notice.Body, StringComparison.Ordinal);
        AssertClean(notice, Library.Replies(language)!);
    }

    [Fact]
    public void Draft_UnknownLanguage_FallsBackToEnglish()
    {
        var draft = ReplyDrafter.Draft(Case("sv", "Anna", RootCause.Unknown, AngerLevel.Calm, ["price_objection"]), Library, "James", TimeZoneInfo.Utc);

        Assert.Equal("en", draft.Language);
        Assert.StartsWith("Dear Anna,", draft.Body, StringComparison.Ordinal);
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
