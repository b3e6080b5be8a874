namespace CalmDesk.Analysis;

public sealed class ThreatTests
{
    [Theory]
    [InlineData("If this is not resolved my lawyer will be in touch.", "legal")]
    [InlineData("Se non risolvete, passo tutto al mio avvocato.", "legal")]
    [InlineData("Αν δεν λυθεί, θα το αναλάβει ο δικηγόρος μου.", "legal")]
    [InlineData("We are going to take our business to your competitor.", "churn")]
    [InlineData("Stiamo pensando di cambiare fornitore, il vostro concorrente è più serio.", "churn")]
    [InlineData("Σκεφτόμαστε να πάμε σε άλλον προμηθευτή.", "churn")]
    [InlineData("Expect a one-star review on Google and Trustpilot.", "public")]
    [InlineData("Lascerò una recensione su TripAdvisor.", "public")]
    [InlineData("Θα γράψω κριτική στο Google για εσάς.", "public")]
    [InlineData("I want to speak to a manager right away.", "escalation")]
    [InlineData("Voglio parlare con il suo responsabile.", "escalation")]
    [InlineData("Θέλω να μιλήσω με τον προϊστάμενό σας.", "escalation")]
    public void Analyze_Threat_IsFoundWithEvidence(string text, string kind)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        var threat = Assert.Single(result.Threats, t => t.Kind == kind);
        Assert.True(threat.Score >= 0.5);
        Assert.Contains(result.Evidence, e => e.Label == "threat:" + kind);
    }

    [Theory]
    [InlineData("We will not cancel our contract, we are happy with you.")]
    [InlineData("Non vogliamo disdire il contratto.")]
    public void Analyze_NegatedThreat_IsNotAThreat(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Threats, t => t.Kind == "churn");

    [Theory]
    [InlineData("Se non ci rimborsate entro venerdì vi faccio causa.")]
    [InlineData("Passo la pratica al nostro ufficio legale e faremo causa.")]
    [InlineData("Siamo pronti ad avviare azioni legali.")]
    [InlineData("Domani chiamo l'avvocato, siete degl'incompetenti.")]
    [InlineData("Se non arriva entro sera, vi faccio causa e passo tutto all'avvocato.")]
    public void Analyze_ItalianLegalPhrases_AreLegalThreats(string text) =>
        Assert.Contains(MessageAnalyzer.Default.Analyze(text, new AnalysisOptions(Language: "it")).Threats, t => t.Kind == "legal");

    [Theory]
    [InlineData("Ci scusiamo: a causa del ritardo del corriere la consegna slitta a lunedì.")]
    [InlineData("Fattura intestata a Trattoria Da Nino srl, sede legale in via Roma 12, Bologna.")]
    [InlineData("Il cliente ha spiegato le sue ragioni e alla fine abbiamo trovato un accordo.")]
    public void Analyze_ItalianWordsThatLookLegal_AreNotThreats(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text, new AnalysisOptions(Language: "it"));

        Assert.Empty(result.Threats);
        Assert.DoesNotContain(result.Evidence, e => e.Rule.StartsWith("lexicon:en:", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_EnglishSue_IsStillALegalThreatInEnglish() =>
        Assert.Contains(MessageAnalyzer.Default.Analyze("Fix it by Friday or we will sue.").Threats, t => t.Kind == "legal");

    [Fact]
    public void Analyze_ItalianElision_SplitsTheArticleFromTheWord()
    {
        var result = MessageAnalyzer.Default.Analyze("Domani chiamo l'avvocato, siete degl'incompetenti e l'ordine è sbagliato.");

        Assert.Equal("it", result.Language.Code);
        var legal = Assert.Single(result.Evidence, e => e.Label == "threat:legal");
        Assert.Equal("avvocato", result.Text.Substring(legal.Offset, legal.Length));
        Assert.True(result.Abuse.Targeted);
    }
}
