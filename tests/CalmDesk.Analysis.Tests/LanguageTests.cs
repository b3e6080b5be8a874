namespace CalmDesk.Analysis;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("Hello, where is my order? We have been waiting since Monday.", "en")]
    [InlineData("Buongiorno, dov'è il nostro ordine? Lo aspettiamo da lunedì.", "it")]
    [InlineData("Καλημέρα, πού είναι η παραγγελία μας; Περιμένουμε από τη Δευτέρα.", "el")]
    [InlineData("καλημερα που ειναι η παραγγελια μας περιμενουμε απο τη δευτερα", "el")]
    [InlineData("kalimera, pou einai i paraggelia mas? den exei erthei akoma", "el")]
    [InlineData("Kalispera, 8elw na mou steilete tin timi gia ta xartia tou grafeiou", "el")]
    [InlineData("to fortigo irthe pali me spasmena koutia, ti ginetai? perimenoume apo xthes", "el")]
    [InlineData("Hola, ¿dónde está mi pedido? Lo esperamos desde el lunes.", "es")]
    [InlineData("Bonjour, où est ma commande ? Nous l'attendons depuis lundi.", "fr")]
    [InlineData("Guten Tag, wo ist meine Bestellung? Wir warten seit Montag.", "de")]
    [InlineData("Olá, onde está o meu pedido? Estamos à espera desde segunda-feira.", "pt")]
    public void Analyze_DetectsTheLanguage(string text, string expected)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Equal(expected, result.Language.Code);
        Assert.InRange(result.Language.Confidence, 0.3, 1);
    }

    [Fact]
    public void Analyze_MixedLanguage_GetsTheDominantOne()
    {
        var result = MessageAnalyzer.Default.Analyze(
            "Buongiorno, vi scrivo perché l'ordine non è ancora arrivato e abbiamo bisogno della merce per sabato. Thanks, Paolo");

        Assert.Equal("it", result.Language.Code);
    }

    [Fact]
    public void Analyze_GivenLanguage_IsTrusted()
    {
        var result = MessageAnalyzer.Default.Analyze("ok", new AnalysisOptions(Language: "it"));

        Assert.Equal(new LanguageGuess("it", 1), result.Language);
    }
}
