namespace CalmDesk.Analysis;

public sealed class ThreatTests
{
    [Theory]
    [InlineData("Ci scusiamo: a causa del ritardo del corriere la consegna slitta a lunedì.")]
    [InlineData("Fattura intestata a Trattoria Da Nino srl, sede legale in via Roma 12, Bologna.")]
    [InlineData("Il cliente ha spiegato le sue ragioni e alla fine abbiamo trovato un accordo.")]
    public void Analyze_ItalianWordsThatLookLegal_AreNotThreats(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text, new AnalysisOptions(Language: "it"));

        Assert.DoesNotContain(result.Evidence, e => e.Rule.StartsWith("lexicon:en:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("We will not cancel our contract, we are happy with you.")]
    [InlineData("Non vogliamo disdire il contratto.")]
    [InlineData("Δεν θέλουμε να αλλάξουμε προμηθευτή.")]
    public void Analyze_NegatedThreatWords_AreNotThreatEvidence(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Label == "threat:churn" && e.Rule.StartsWith("lexicon:", StringComparison.Ordinal));

    [Fact]
    public void Analyze_EnglishSue_IsStillLegalEvidenceInEnglish() =>
        Assert.Contains(MessageAnalyzer.Default.Analyze("Fix it by Friday or we will sue.").Evidence, e => e.Label == "threat:legal" && e.Rule == "lexicon:en:sue");

    [Fact]
    public void Analyze_ItalianElision_SplitsTheArticleFromTheWord()
    {
        var result = MessageAnalyzer.Default.Analyze("Domani chiamo l'avvocato, siete degl'incompetenti e l'ordine è sbagliato.");

        Assert.Equal("it", result.Language.Code);
        var legal = Assert.Single(result.Evidence, e => e.Label == "threat:legal" && e.Rule.StartsWith("lexicon:", StringComparison.Ordinal));
        Assert.Equal("avvocato", result.Text.Substring(legal.Offset, legal.Length));
        var insult = Assert.Single(result.Evidence, e => e.Label == "abuse:insult" && e.Rule.StartsWith("lexicon:", StringComparison.Ordinal));
        Assert.Equal("incompetenti", result.Text.Substring(insult.Offset, insult.Length));
    }
}
