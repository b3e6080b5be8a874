namespace CalmDesk.Analysis;

public sealed class AngerTests
{
    [Theory]
    [InlineData("This is ridiculous. You delivered the wrong bottles AGAIN!!! I want it fixed by tomorrow.")]
    [InlineData("I am sick and tired of chasing you. Absolutely unacceptable service.")]
    [InlineData("Questa è una vergogna. Avete sbagliato di nuovo la consegna!!! Inaccettabile.")]
    [InlineData("Sono stufo, ve l'ho chiesto tre volte. È assurdo.")]
    [InlineData("Αυτό είναι απαράδεκτο. Μας φέρατε πάλι λάθος κιβώτια!!!")]
    [InlineData("αυτο ειναι απαραδεκτο, βαρεθηκα να περιμενω")]
    [InlineData("Accidenti a voi, il pane è arrivato di nuovo alle undici!")]
    [InlineData("Mannaggia, che palle: la fattura è sbagliata un'altra volta.")]
    public void Analyze_AngryMessages_ScoreAtLeastHalf(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Anger.Score >= 0.5, $"anger {result.Anger.Score} for: {text}");
        Assert.True(result.Anger.Level >= AngerLevel.Angry);
        Assert.Contains(result.Evidence, e => e.Label == "anger" && e.Weight > 0);
    }

    [Theory]
    [InlineData("Hello, could you confirm the delivery date for next week's order? Thanks, Anna")]
    [InlineData("Buongiorno, potrebbe confermarmi i prezzi del listino di primavera? Grazie mille, Franca")]
    [InlineData("Καλημέρα, μπορείτε να μου στείλετε το τιμολόγιο του Μαρτίου; Ευχαριστώ πολύ")]
    public void Analyze_PoliteMessages_AreCalm(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Equal(AngerLevel.Calm, result.Anger.Level);
        Assert.True(result.Anger.Score < 0.3);
    }

    [Theory]
    [InlineData("I'm not angry, just disappointed.")]
    [InlineData("Non sono arrabbiato, solo un po' deluso.")]
    [InlineData("Δεν είμαι θυμωμένος, απλώς απογοητευμένος.")]
    public void Analyze_NegatedAnger_IsNotAngry(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Anger.Score < 0.5, $"anger {result.Anger.Score}");
        Assert.Contains(result.Evidence, e => e.Rule.EndsWith("(negated)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Please send the PDF and the USB cables for order SO-24000 and ref ABC123.")]
    [InlineData("Mi mandate il DDT e la fattura IVA per l'ordine SO-24011?")]
    [InlineData("Στείλτε μου το ΦΠΑ και το PDF για την παραγγελία SO-24001.")]
    public void Analyze_CapitalsThatAreCodes_AreNotShouting(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.DoesNotContain(result.Evidence, e => e.Rule == "caps");
        Assert.True(result.Anger.Score < 0.5);
    }

    [Theory]
    [InlineData("WHERE IS MY ORDER. I HAVE BEEN WAITING FOR TWO WEEKS", "en")]
    [InlineData("DOVE È IL MIO ORDINE. ASPETTO DA DUE SETTIMANE", "it")]
    [InlineData("ΠΟΥ ΕΙΝΑΙ Η ΠΑΡΑΓΓΕΛΙΑ ΜΟΥ; ΠΕΡΙΜΕΝΩ ΔΥΟ ΕΒΔΟΜΑΔΕΣ", "el")]
    public void Analyze_ShoutedMessage_CountsCapitalsAsEvidence(string text, string language)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Equal(language, result.Language.Code);
        Assert.Contains(result.Evidence, e => e.Rule == "caps");
        Assert.True(result.Anger.Score >= 0.3);
    }

    [Theory]
    [InlineData("I have asked three times for the credit note. This is not acceptable.")]
    [InlineData("È la terza volta che chiedo la nota di credito. Non è accettabile.")]
    [InlineData("Τρίτη φορά ζητάω το πιστωτικό. Δεν είναι αποδεκτό.")]
    public void Analyze_RepetitionAndNegatedCourtesy_ReadAsAnger(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Anger.Score >= 0.5, $"anger {result.Anger.Score}");
        Assert.Contains(result.Evidence, e => e.Rule.EndsWith("(negated)", StringComparison.Ordinal) && e.Weight > 0);
    }

    [Theory]
    [InlineData("Oh great, thanks for nothing. Yeah right, it will arrive 'soon'.")]
    [InlineData("Grazie tante, davvero un ottimo servizio... mai più.")]
    public void Analyze_Sarcasm_IsNotPraise(string text)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.True(result.Anger.Score >= 0.5, $"anger {result.Anger.Score}");
        Assert.DoesNotContain(result.Situations, s => s.Kind == "praise");
    }

    [Fact]
    public void Analyze_AngryEmojiOnly_IsAngerWithEmojiEvidence()
    {
        var result = MessageAnalyzer.Default.Analyze("😡😡🤬");

        Assert.True(result.Anger.Score >= 0.5);
        Assert.All(result.Evidence, e => Assert.Equal("emoji", e.Rule));
        Assert.Contains("no_words", result.Notes);
    }
}
