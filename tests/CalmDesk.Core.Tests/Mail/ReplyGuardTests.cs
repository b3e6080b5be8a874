using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Cases;
using CalmDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

public sealed class ReplyGuardTests
{
    [Fact]
    public void Check_NamesTheWordsThatBlameLectureOrAccuse_InEachLanguage()
    {
        var english = ReplyGuard.Check("As I told you last week, you owe us £1,200, and the late delivery was your fault.", [], MessageAnalyzer.Default);
        var italian = ReplyGuard.Check("Come le ho già detto, ci deve ancora 800 euro.", [], MessageAnalyzer.Default);
        var lecture = ReplyGuard.Check("Gentile Nino, come le avevo già detto, la colpa è sua.", [], MessageAnalyzer.Default);
        var greek = ReplyGuard.Check("Όπως σας είπα, μας χρωστάτε ακόμη 300 ευρώ.", [], MessageAnalyzer.Default);

        Assert.Equal(["I told you"], english.Single(f => f.Kind == GuardKind.ToldYou).Words);
        Assert.Equal(["you owe"], english.Single(f => f.Kind == GuardKind.Owe).Words);
        Assert.Equal(["your fault"], english.Single(f => f.Kind == GuardKind.Blame).Words);
        Assert.Equal(["Come le ho già detto"], italian.Single(f => f.Kind == GuardKind.ToldYou).Words);
        Assert.Equal(["ci deve"], italian.Single(f => f.Kind == GuardKind.Owe).Words);
        Assert.Equal(["come le avevo già detto"], lecture.Single(f => f.Kind == GuardKind.ToldYou).Words);
        Assert.Equal(["la colpa è sua"], lecture.Single(f => f.Kind == GuardKind.Blame).Words);
        Assert.Equal(["Όπως σας είπα"], greek.Single(f => f.Kind == GuardKind.ToldYou).Words);
        Assert.Equal(["μας χρωστάτε"], greek.Single(f => f.Kind == GuardKind.Owe).Words);
    }

    /// Sarcasm in our own words, in each language, and the sincere sentences that share their words, left alone.
    [Theory]
    [InlineData("Per my last email, the invoice was attached. Good luck with that claim.", "Per my last email|Good luck with that")]
    [InlineData("Thanks for finally sending the pallet numbers 🙄", "Thanks for finally|🙄")]
    [InlineData("Con tutto il rispetto, spero che ora sia chiaro perché la consegna è di martedì.", "Con tutto il rispetto|spero che ora sia chiaro")]
    [InlineData("Με όλο τον σεβασμό, ελπίζω τώρα να είναι σαφές ότι η παράδοση είναι την Τρίτη.", "Με όλο τον σεβασμό|ελπίζω τώρα να είναι σαφές")]
    [InlineData("Bei allem Respekt, wie Sie wissen sollten, liefern wir dienstags.", "Bei allem Respekt|wie Sie wissen sollten")]
    public void Check_NamesSarcasmInOurOwnWords(string reply, string expected)
    {
        var finding = Assert.Single(ReplyGuard.Check(reply, [], MessageAnalyzer.Default), f => f.Kind == GuardKind.Sarcasm);

        Assert.Equal(expected.Split('|'), finding.Words);
        Assert.Contains(finding.Words[0], ReplyGuard.Describe(finding), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thank you for your patience; I am sure the new pallets will arrive on Thursday. Good luck with the opening!")]
    [InlineData("Congratulations on the new shop, and thanks for sending the pallet numbers so quickly 🙂")]
    [InlineData("Grazie mille per la pazienza: le confermo che la consegna è di martedì. Buona fortuna con la nuova apertura!")]
    [InlineData("Σας ευχαριστούμε για την υπομονή σας· η παράδοση είναι την Τρίτη. Ποιο κομμάτι δεν ήρθε;")]
    [InlineData("Let me know what part of the invoice looks wrong and I will correct it today.")]
    public void Check_LeavesSincereThanksAndWishesAlone(string reply) =>
        Assert.DoesNotContain(ReplyGuard.Check(reply, [], MessageAnalyzer.Default), f => f.Kind == GuardKind.Sarcasm);

    [Fact]
    public void Check_FindsAnInternalNoteCopiedIn_AndLeavesACalmReplyAlone()
    {
        const string Note = "Cliente difficile, minaccia sempre di cambiare fornitore ma poi paga con tre mesi di ritardo.";
        var copied = ReplyGuard.Check("Gentile Nino, cliente difficile, minaccia sempre di cambiare fornitore ma poi paga con tre mesi di ritardo. Cordiali saluti", [Note], MessageAnalyzer.Default);
        var calm = ReplyGuard.Check("Gentile Nino, ci scusiamo per il disguido: i cartoni giusti arrivano domattina entro le 9. Cordiali saluti, Giulia", [Note], MessageAnalyzer.Default);
        var youth = ReplyGuard.Check("Thank you for telling us; we owe you an apology and a corrected invoice by Friday.", [], MessageAnalyzer.Default);
        var shouting = ReplyGuard.Check("We have ALREADY SENT the invoice THREE TIMES!!! Please read it.", [], MessageAnalyzer.Default);

        Assert.Contains("minaccia sempre di cambiare fornitore", Assert.Single(copied, f => f.Kind == GuardKind.InternalNote).Words.Single(), StringComparison.Ordinal);
        Assert.Empty(calm);
        Assert.Empty(youth);
        Assert.Contains(Assert.Single(shouting, f => f.Kind == GuardKind.Anger).Words, w => w.Contains("!!!", StringComparison.Ordinal) || w == "ALREADY");
    }

    /// Everything our own playbooks write to customers (reply parts, letters) must pass our own guard: a guard that
    /// stopped the product's drafts would teach reps to click "send it as it is".
    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    [InlineData("el")]
    public void OurOwnDraftsAndLetters_PassTheGuard(string language)
    {
        var library = Playbooks.PlaybookLibrary.Load([Path.Combine(AppContext.BaseDirectory, "playbooks")]);
        var texts = new[] { library.Replies(language), library.Letters(language) }
            .SelectMany(t => t!.Sections.Values.SelectMany(v => v))
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\{[a-z_]+\}", "Marco"))
            .ToList();

        var flagged = texts.Select(t => (Text: t, Findings: ReplyGuard.Check(t, [], MessageAnalyzer.Default)))
            .Where(r => r.Findings.Count > 0)
            .Select(r => $"{string.Join(",", r.Findings.Select(f => f.Kind))}: {r.Text}")
            .ToList();

        Assert.True(texts.Count > 20, "The playbooks were not found.");
        Assert.Empty(flagged);
    }

    [Theory]
    [AllDatabases]
    public async Task SendReply_WithFindings_IsHeldWithTheWords_UntilTheRepConfirms(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var fixture = await CaseFixture.SeedAsync(database);
        await using var db = database.NewContext();
        var created = await Books.CaseBook(database, db).CreateAsync(Viewer.System, fixture.Nino, "Fattura", null, null, TestContext.Current.CancellationToken);
        var guide = Books.CaseGuide(database, db);
        const string Text = "Come le avevo detto, ci deve ancora 800 euro.";

        var held = await guide.SendReplyAsync(fixture.Giulia, created.Value!.Id, null, Text, cancellationToken: TestContext.Current.CancellationToken);
        var sent = await guide.SendReplyAsync(fixture.Giulia, created.Value.Id, null, Text, confirmed: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, held.Errors["guard"].Length);
        Assert.Contains(held.Errors["guard"], m => m.Contains("\u201cci deve\u201d", StringComparison.Ordinal));
        Assert.Equal(Text, sent.Value!.Body);
        Assert.Equal(1, await db.Interactions.CountAsync(TestContext.Current.CancellationToken));
    }
}
