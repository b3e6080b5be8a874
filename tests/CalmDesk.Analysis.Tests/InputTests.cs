namespace CalmDesk.Analysis;

public sealed class InputTests
{
    [Fact]
    public void Analyze_QuotedReply_IsSetAsideAndNotJudged()
    {
        const string text = "Thanks, that solved it.\n\nOn Mon, 3 Mar 2026 at 10:00, Oliver Grant <oliver@example.com> wrote:\n> You idiots sent the WRONG pallets!!!\n> I'm calling my lawyer.";

        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Anger.Score < 0.5);
        Assert.True(result.Abuse.Score < 0.5, $"abuse {result.Abuse.Score}");
        Assert.Empty(result.Threats);
        AssertNoEvidenceSetAside(result);
        var quoted = Assert.Single(result.SetAside, p => p.Kind == SetAsideKind.QuotedReply);
        Assert.StartsWith("On Mon", text[quoted.Span.Offset..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Grazie, tutto risolto.\n\nIl giorno lun 3 mar 2026 alle 10:00 Nino <nino@example.it> ha scritto:\n> Siete degli idioti!!!")]
    [InlineData("Ευχαριστώ, λύθηκε.\n\nΣτις Δευ 3 Μαρ 2026, ο Γιώργος <g@example.gr> έγραψε:\n> Είστε ηλίθιοι!!!")]
    [InlineData("Thanks, solved.\n\n-----Original Message-----\nFrom: Oliver\nSent: Monday\nYou idiots!!!")]
    [InlineData("Thanks, solved.\n\nFrom: Oliver Grant\nSent: Monday, 3 March 2026 10:00\nTo: James\nSubject: order\n\nYou idiots!!!")]
    public void Analyze_ReplyHeadersInEveryLanguage_SetTheQuoteAside(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Contains(result.SetAside, p => p.Kind == SetAsideKind.QuotedReply);
        Assert.True(result.Abuse.Score < 0.5, $"abuse {result.Abuse.Score}");
        AssertNoEvidenceSetAside(result);
    }

    [Fact]
    public void Analyze_Signature_IsSetAside()
    {
        const string text = "Where is the corrected invoice?\n\nBest regards,\nOliver Grant\nHarbour Lane Wines — the stupidest name in wine";

        var result = MessageAnalyzer.Default.Analyze(text);

        var signature = Assert.Single(result.SetAside, p => p.Kind == SetAsideKind.Signature);
        Assert.StartsWith("Best regards", text[signature.Span.Offset..], StringComparison.Ordinal);
        Assert.Empty(result.Abuse.Kinds);
    }

    [Fact]
    public void Analyze_Html_IsConvertedAndEvidencePointsIntoTheText()
    {
        const string html = "<html><head><style>p{color:red}</style></head><body><p>This is <b>RIDICULOUS</b>!!!</p><script>alert('idiot')</script><blockquote>you idiot</blockquote></body></html>";

        var result = MessageAnalyzer.Default.Analyze(html);

        Assert.Contains("html_converted", result.Notes);
        Assert.DoesNotContain("<", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", result.Text, StringComparison.Ordinal);
        var evidence = Assert.Single(result.Evidence, e => e.Rule.StartsWith("lexicon:en:ridiculous", StringComparison.Ordinal));
        Assert.Equal("RIDICULOUS", result.Text.Substring(evidence.Offset, evidence.Length));
        Assert.DoesNotContain(result.Evidence, e => e.Label.StartsWith("abuse", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_AMegabyte_AnalysesABoundedPrefixAndSaysSo()
    {
        var text = string.Concat(Enumerable.Repeat("This is unacceptable. ", 50_000));

        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Contains("truncated", result.Notes);
        var beyond = Assert.Single(result.SetAside, p => p.Kind == SetAsideKind.BeyondLimit);
        Assert.Equal(AnalysisOptions.DefaultMaxLength, beyond.Span.Offset);
        Assert.All(result.Evidence, e => Assert.True(e.Offset + e.Length <= AnalysisOptions.DefaultMaxLength));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   \n\t ")]
    [InlineData("🙂🙂")]
    [InlineData("\uD800 broken surrogate \uDC00 and a NUL \0 here")]
    [InlineData("<<<>>>&&&;;")]
    public void Analyze_OddInput_AnswersWithoutThrowing(string? text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.InRange(result.Anger.Score, 0, 1);
        Assert.InRange(result.Abuse.Score, 0, 1);
        Assert.DoesNotContain('\0', result.Text);
        Assert.All(result.Evidence, e => Assert.InRange(e.Offset + e.Length, 0, result.Text.Length));
    }

    [Fact]
    public void Analyze_SameInputTwice_GivesTheSameResult()
    {
        const string text = "Siete degli incompetenti!!! Chiamo il mio avvocato.";

        var first = MessageAnalyzer.Default.Analyze(text);
        var second = new MessageAnalyzer().Analyze(text);

        Assert.Equal(first.Anger, second.Anger);
        Assert.Equal(first.Evidence, second.Evidence);
        Assert.Equal(first.Threats, second.Threats);
    }

    private static void AssertNoEvidenceSetAside(AnalysisResult result) =>
        Assert.DoesNotContain(result.Evidence, e => result.SetAside.Any(p => e.Offset >= p.Span.Offset && e.Offset < p.Span.Offset + p.Span.Length));
}
