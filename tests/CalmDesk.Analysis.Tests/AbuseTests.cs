namespace CalmDesk.Analysis;

public sealed class AbuseTests
{
    [Theory]
    [InlineData("You people are idiots and you are the most incompetent rep I have ever dealt with.", "insult")]
    [InlineData("Siete degli incompetenti, lei è un pagliaccio.", "insult")]
    [InlineData("Είστε όλοι ηλίθιοι και εσύ είσαι ο πιο άχρηστος.", "insult")]
    [InlineData("Fuck you and your bullshit excuses.", "profanity")]
    [InlineData("Vaffanculo, siete degli stronzi.", "profanity")]
    [InlineData("Άντε χάσου, είστε καριόληδες.", "profanity")]
    [InlineData("If this isn't fixed I'll come down there and punch you.", "threat_of_violence")]
    [InlineData("Se non sistemate tutto, ti spacco la faccia.", "threat_of_violence")]
    [InlineData("Αν δεν το φτιάξετε, θα σε δείρω.", "threat_of_violence")]
    [InlineData("Listen sweetheart, I'll make sure you get fired.", "harassment")]
    [InlineData("Senti tesoro, ti faccio licenziare.", "harassment")]
    [InlineData("Άκου κουκλίτσα, θα φροντίσω να απολυθείς.", "harassment")]
    [InlineData("Go back to your country, your kind can't run a business.", "discriminatory")]
    [InlineData("Tornatene al tuo paese, voi stranieri non capite niente.", "discriminatory")]
    [InlineData("Γύρνα στη χώρα σου, εσείς οι αλλοδαποί δεν ξέρετε τίποτα.", "discriminatory")]
    public void Analyze_AbuseAimedAtTheRep_IsAbusiveTargetedAndOfItsKind(string text, string kind)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Abuse.Score >= 0.5, $"abuse {result.Abuse.Score}");
        Assert.True(result.Abuse.Targeted);
        Assert.Contains(kind, result.Abuse.Kinds);
        Assert.Contains(result.Evidence, e => e.Label == "abuse:" + kind);
    }

    [Theory]
    [InlineData("This damn printer jammed again, the invoice came out blank.")]
    [InlineData("Questa maledetta stampante non funziona, porca miseria.")]
    [InlineData("Να πάρει, ο εκτυπωτής χάλασε πάλι.")]
    public void Analyze_MildSwearingAtThings_IsNotAbusive(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.False(result.Abuse.Targeted);
        Assert.True(result.Abuse.Score < 0.5, $"abuse {result.Abuse.Score}");
        Assert.Contains("profanity", result.Abuse.Kinds);
    }

    [Theory]
    [InlineData("This fucking printer is a piece of shit, the invoice came out blank again.")]
    [InlineData("Questa cazzo di stampante non funziona, che merda.")]
    [InlineData("Αυτός ο γαμημένος εκτυπωτής χάλασε πάλι, σκατά.")]
    public void Analyze_StrongSwearingAtThings_IsAbusiveLanguageButNotAimedAtTheRep(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        // Swearing at a printer is abusive language, and is reported as such, but it is not abuse of the rep.
        Assert.True(result.Abuse.Score >= 0.5, $"abuse {result.Abuse.Score}");
        Assert.False(result.Abuse.Targeted);
        Assert.Equal(["profanity"], result.Abuse.Kinds);
        Assert.DoesNotContain(result.Evidence, e => e.Rule.EndsWith("(aimed at the reader)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Twelve percent more? You must think we're stupid.")]
    [InlineData("Il dodici per cento in più? Ci prendete per stupidi.")]
    [InlineData("Δώδεκα τοις εκατό; Μας περνάτε για χαζούς;")]
    public void Analyze_InsultWordAboutOurselves_IsNotAimedAtTheRep(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.False(result.Abuse.Targeted);
        Assert.True(result.Abuse.Score < 0.5, $"abuse {result.Abuse.Score}");
    }

    [Theory]
    [InlineData("Thank you for your help with the order.")]
    [InlineData("Grazie per l'aiuto con l'ordine.")]
    [InlineData("Ευχαριστώ για τη βοήθεια με την παραγγελία.")]
    public void Analyze_CleanMessages_HaveNoAbuse(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Equal(0, result.Abuse.Score);
        Assert.Empty(result.Abuse.Kinds);
    }
}
