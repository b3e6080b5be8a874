namespace CalmDesk.Analysis;

/// <summary>The rules that find anger's evidence. Whether a sentence is angry is the model's call: see
/// <see cref="ChallengeSetTests"/> and <see cref="DevSplitTests"/>.</summary>
public sealed class AngerTests
{
    [Theory]
    [InlineData("I'm not angry, just disappointed.")]
    [InlineData("Non sono arrabbiato, solo un po' deluso.")]
    [InlineData("Δεν είμαι θυμωμένος, απλώς απογοητευμένος.")]
    public void Analyze_NegatedAnger_IsNegatedEvidence(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        var negated = Assert.Single(result.Evidence, e => e.Rule.EndsWith("(negated)", StringComparison.Ordinal));
        Assert.True(negated.Weight < 0);
    }

    [Theory]
    [InlineData("Please send the PDF and the USB cables for order SO-24000 and ref ABC123.")]
    [InlineData("Mi mandate il DDT e la fattura IVA per l'ordine SO-24011?")]
    [InlineData("Στείλτε μου το ΦΠΑ και το PDF για την παραγγελία SO-24001.")]
    public void Analyze_CapitalsThatAreCodes_AreNotShouting(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Rule == "caps");

    [Theory]
    [InlineData("WHERE IS MY ORDER. I HAVE BEEN WAITING FOR TWO WEEKS", "en")]
    [InlineData("DOVE È IL MIO ORDINE. ASPETTO DA DUE SETTIMANE", "it")]
    [InlineData("ΠΟΥ ΕΙΝΑΙ Η ΠΑΡΑΓΓΕΛΙΑ ΜΟΥ; ΠΕΡΙΜΕΝΩ ΔΥΟ ΕΒΔΟΜΑΔΕΣ", "el")]
    public void Analyze_ShoutedMessage_CountsCapitalsAsEvidence(string text, string language)
    {
        var result = MessageAnalyzer.Default.Analyze(text);
        var quiet = MessageAnalyzer.Default.Analyze(text.ToLowerInvariant());

        Assert.Equal(language, result.Language.Code);
        Assert.Contains(result.Evidence, e => e.Rule == "caps" && e.Weight > 0);
        // The same words shouted read angrier than the same words typed quietly.
        Assert.True(result.Anger.Score > quiet.Anger.Score, $"shouted {result.Anger.Score}, quiet {quiet.Anger.Score}");
    }

    [Theory]
    [InlineData("I have asked three times for the credit note. This is not acceptable.")]
    [InlineData("È la terza volta che chiedo la nota di credito. Non è accettabile.")]
    [InlineData("Τρίτη φορά ζητάω το πιστωτικό. Δεν είναι αποδεκτό.")]
    public void Analyze_NegatedCourtesy_CountsTowardsAnger(string text) =>
        Assert.Contains(MessageAnalyzer.Default.Analyze(text).Evidence, e => e.Label == "anger" && e.Rule.EndsWith("(negated)", StringComparison.Ordinal) && e.Weight > 0);

    /// An annoyed verdict (the angry head below 0.5, the first level's above) names the words behind it, as an angry one
    /// does: before, only the angry head's words were listed, so "annoyed" came with no reason unless a lexicon matched.
    [Fact]
    public void Analyze_AnnoyedVerdict_ListsTheWordsBehindIt()
    {
        string[] texts =
        [
            "Πάλι καθυστέρηση. Πότε θα έρθει;",
            "Received.",
            "Still waiting for the credit note, second reminder.",
            "Di nuovo la fattura sbagliata, me la correggete?",
            "Otra vez sin noticias del pedido.",
            "Immer noch keine Antwort auf meine Mail von Montag.",
        ];

        var annoyed = texts.Select(t => MessageAnalyzer.Default.Analyze(t)).Where(r => r.Anger.Level == AngerLevel.Annoyed).ToList();

        Assert.NotEmpty(annoyed);
        Assert.All(annoyed, r => Assert.Contains(r.Evidence, e => e.Label == "anger" && e.Rule.StartsWith("model:", StringComparison.Ordinal) && e.Weight > 0));
    }

    [Fact]
    public void Analyze_AngryEmojiOnly_IsEmojiEvidence()
    {
        var result = MessageAnalyzer.Default.Analyze("😡😡🤬");

        Assert.Equal(3, result.Evidence.Count(e => e.Rule == "emoji" && e.Weight > 0));
        Assert.All(result.Evidence, e => Assert.Equal("emoji", e.Rule));
        Assert.Contains("no_words", result.Notes);
    }

    [Theory]
    [InlineData("Where is my order? I have been waiting for two weeks.")]
    [InlineData("Dov'è il mio ordine? Aspetto da due settimane.")]
    [InlineData("Πού είναι η παραγγελία μου; Περιμένω δύο εβδομάδες.")]
    public void Analyze_MoreExclamationMarks_NeverLowerAnger(string text)
    {
        var plain = MessageAnalyzer.Default.Analyze(text).Anger.Score;
        var loud = MessageAnalyzer.Default.Analyze(text.Replace("?", "?!!!", StringComparison.Ordinal).Replace(".", "!!!", StringComparison.Ordinal)).Anger.Score;

        Assert.True(loud >= plain, $"plain {plain}, with exclamation marks {loud}");
    }
}
