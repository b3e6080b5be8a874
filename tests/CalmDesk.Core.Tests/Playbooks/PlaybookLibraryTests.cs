namespace CalmDesk.Playbooks;

public sealed class PlaybookLibraryTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "playbooks");
    private readonly string _own = Path.Combine(Path.GetTempPath(), "calmdesk-playbooks", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Load_ShippedFiles_HaveNoProblems_AndTenPlaybooksAGuideAndRepliesPerLanguage()
    {
        var library = PlaybookLibrary.Load([Shipped]);

        Assert.Empty(library.Problems);
        Assert.Equal(["el", "en", "it"], library.Languages);
        foreach (var language in library.Languages)
        {
            Assert.Equal(10, library.All(language).Count);
            Assert.All(library.All(language), p => Assert.Equal(language, p.Language));
            Assert.Equal(language, library.Guide(language)!.Language);
            Assert.Equal(language, library.Replies(language)!.Language);
        }
    }

    [Fact]
    public void Load_ShippedFiles_EverySituationHasAPlaybook_InEveryLanguage()
    {
        var library = PlaybookLibrary.Load([Shipped]);

        foreach (var language in new[] { "en", "it", "el" })
        {
            foreach (var trigger in PlaybookLibrary.Triggers)
            {
                var found = library.Matching([trigger], language);
                Assert.True(found.Count > 0 && found[0].Language == language, $"{trigger} in {language}");
            }
        }
    }

    /// The rep speaks in the first person in phrases and drafts, and CalmDesk does not know the rep's gender: Italian and
    /// Greek say it with forms that do not agree with the speaker ("mi fa piacere", not "sono lieto").
    [Theory]
    [InlineData("it", @"\b(sono|sarei|sarò|resto|rimango)\s+(\w+\s+)?(lieto|lieta|contento|contenta|sicuro|sicura|certo|certa|pronto|pronta|grato|grata|dispiaciuto|dispiaciuta|convinto|convinta|costretto|costretta)\b|^\W*(lieto|lieta)\b|\bmi\s+sono\s+\w+(at|ut|it)[oa]\b|\bsono\s+(stato|stata)\b")]
    [InlineData("el", @"(είμαι|θα ήμουν|θα είμαι)\s+(\w+\s+)?(χαρούμενος|χαρούμενη|σίγουρος|σίγουρη|βέβαιος|βέβαιη|έτοιμος|έτοιμη|υποχρεωμένος|υποχρεωμένη|διατεθειμένος|διατεθειμένη|ευχαριστημένος|ευχαριστημένη)")]
    public void ShippedTexts_InTheRepsVoice_DoNotAssumeTheRepsGender(string language, string gendered)
    {
        var pattern = new System.Text.RegularExpressions.Regex(gendered, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var found = Directory.GetFiles(Path.Combine(Shipped, language), "*.md")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Path.GetFileName(file), Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void Load_BrokenFile_NamesFileAndLine_AndTheOthersStillLoad()
    {
        Write("it/price-objection.md", "# Prezzi\ntriggers: price_objection\npriority: 40\n\n## goals\n- uno\n## steps\n- due\n## avoid\n- tre\n## phrases\n- Le scrivo entro {dat}\n");
        Write("it/change-resistance.md", "# Cambiamento\ntriggers: change_resistance, gossip\npriority: alta\n## goals\n- a\n## steps\n- b\n## avoid\n- c\n## phrases\n- d\nthis line is wrong\n");

        var library = PlaybookLibrary.Load([Shipped, _own]);

        var problems = library.Problems.Select(p => (Path.GetFileName(p.File), p.Line)).ToList();
        Assert.Contains(("price-objection.md", 12), problems);
        Assert.Contains(("change-resistance.md", 2), problems);
        Assert.Contains(("change-resistance.md", 3), problems);
        Assert.Contains(("change-resistance.md", 12), problems);
        Assert.Contains(library.Problems, p => p.Message.Contains("{dat}", StringComparison.Ordinal));
        // The broken overrides are skipped: the shipped Italian versions stay in use, and everything else loads.
        Assert.Equal(Path.Combine(Shipped, "it", "price-objection.md"), library.Matching(["price_objection"], "it")[0].File);
        Assert.Equal(10, library.All("it").Count);
    }

    [Fact]
    public void Load_ManagerFolder_OverridesAFile_AndAddsALanguage()
    {
        Write("it/abuse.md", "# Offese\ntriggers: abuse\npriority: 70\n## goals\n- Proteggere il collega.\n## steps\n- Pausa.\n## avoid\n- Insulti.\n## phrases\n- Restiamo sui fatti, per favore.\n");
        Write("fr/abuse.md", "# Insultes\ntriggers: abuse\npriority: 70\n## goals\n- Protéger.\n## steps\n- Pause.\n## avoid\n- Insultes.\n## phrases\n- Restons-en aux faits.\n");

        var library = PlaybookLibrary.Load([Shipped, _own]);

        Assert.Empty(library.Problems);
        Assert.Equal(["Restiamo sui fatti, per favore."], library.Matching(["abuse"], "it")[0].Phrases);
        Assert.Equal("fr", library.Matching(["abuse"], "fr")[0].Language);
        // French has no price playbook yet: the English one stands in.
        Assert.Equal("en", library.Matching(["price_objection"], "fr")[0].Language);
        Assert.Contains("fr", library.Languages);
        Assert.Equal(10, library.All("fr").Count);
        Assert.Equal("fr", library.All("fr").Single(p => p.Id == "abuse").Language);
    }

    [Fact]
    public void Load_TextWithABannedPhrase_IsReported()
    {
        Write("en/payment-delay.md", "# Payment\ntriggers: payment_delay\npriority: 45\n## goals\n- Get paid.\n## steps\n- Ask.\n## avoid\n- Threats.\n## phrases\n- Remember that you owe us money.\n");

        var library = PlaybookLibrary.Load([Shipped, _own]);

        var problem = Assert.Single(library.Problems);
        Assert.Contains("you owe", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GuideWithoutAStep_IsReported_AndTheShippedGuideStays()
    {
        Write("en/guide.md", "# Guide\n## acknowledge\ntitle: A\ndo: B\n- C\n");

        var library = PlaybookLibrary.Load([Shipped, _own]);

        Assert.Contains(library.Problems, p => p.Message == "step 'vent' is missing");
        Assert.Equal(Cases.CaseGuide.Steps.Count + 2, library.Guide("en")!.Steps.Count); // with "pause" and "response-time"
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_own, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        if (Directory.Exists(_own))
        {
            Directory.Delete(_own, recursive: true);
        }
    }
}
