namespace CalmDesk.Analysis;

/// <summary>Abuse's evidence and the rules of its verdict. Whether a sentence is abusive is the model's call: see
/// <see cref="ChallengeSetTests"/> and <see cref="DevSplitTests"/>.</summary>
public sealed class AbuseTests
{
    [Theory]
    [InlineData("This damn printer jammed again, the invoice came out blank.")]
    [InlineData("Questa maledetta stampante non funziona, porca miseria.")]
    [InlineData("Να πάρει, ο εκτυπωτής χάλασε πάλι.")]
    public void Analyze_MildSwearingAtThings_IsShownButWeighsNothing(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Contains(result.Evidence, e => e.Label == "abuse:profanity" && e.Rule.EndsWith("(mild, aimed at nothing)", StringComparison.Ordinal) && e.Weight == 0);
    }

    [Theory]
    [InlineData("This fucking printer is a piece of shit, the invoice came out blank again.")]
    [InlineData("Questa cazzo di stampante non funziona, che merda.")]
    [InlineData("Αυτός ο γαμημένος εκτυπωτής χάλασε πάλι, σκατά.")]
    public void Analyze_StrongSwearingAtThings_IsNotAimedAtTheReader(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Rule.EndsWith("(aimed at the reader)", StringComparison.Ordinal));

    [Theory]
    [InlineData("You are an idiot.")]
    [InlineData("Sei un idiota.")]
    [InlineData("Είσαι ηλίθιος.")]
    public void Analyze_InsultWithYou_IsAimedAtTheReader(string text) =>
        Assert.Contains(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Label == "abuse:insult" && e.Rule.EndsWith("(aimed at the reader)", StringComparison.Ordinal));

    [Theory]
    [InlineData("Twelve percent more? You must think we're stupid.")]
    [InlineData("Il dodici per cento in più? Ci prendete per stupidi.")]
    [InlineData("Δώδεκα τοις εκατό; Μας περνάτε για χαζούς;")]
    public void Analyze_InsultWordAboutOurselves_IsNotAimedAtTheReader(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Rule.EndsWith("(aimed at the reader)", StringComparison.Ordinal));

    [Theory]
    [InlineData("Thank you for your help with the order.")]
    [InlineData("Grazie per l'aiuto con l'ordine.")]
    [InlineData("Ευχαριστώ για τη βοήθεια με την παραγγελία.")]
    [InlineData("Vi ringrazio, la consegna di stamattina era perfetta.")]
    public void Analyze_CleanMessages_HaveNoAbuse(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Abuse.Score < 0.2, $"abuse {result.Abuse.Score}");
        Assert.Empty(result.Abuse.Kinds);
        Assert.False(result.Abuse.Targeted);
        Assert.DoesNotContain(result.Evidence, e => e.Label.StartsWith("abuse", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("You are useless liars and I will make sure everyone knows it, you bastards.")]
    [InlineData("Siete dei ladri e degli incapaci, vaffanculo.")]
    [InlineData("Είστε κλέφτες και άχρηστοι.")]
    [InlineData("Can you confirm Tuesday's delivery?")]
    [InlineData("This damn printer jammed again.")]
    public void Analyze_KindsAndTarget_FollowTheVerdict(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        // Kinds are named only for an abusive message, and only an abusive message can be aimed at staff.
        Assert.Equal(result.Abuse.Score >= 0.5, result.Abuse.Kinds.Count > 0);
        Assert.True(!result.Abuse.Targeted || result.Abuse.Score >= 0.5);
        Assert.Equal(result.Abuse.Kinds.Order(StringComparer.Ordinal), result.Abuse.Kinds);
    }
}
