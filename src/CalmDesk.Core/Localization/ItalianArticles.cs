using System.Text.RegularExpressions;

namespace CalmDesk.Localization;

/// Italian articles before what a text fills in: the letters, drafts and guide phrases (<see cref="Playbooks.ReplyDrafter"/>)
/// and the messages (<see cref="Messages"/>) put a formatted date or percentage after "il", "dal", "al"…
internal static partial class ItalianArticles
{
    /// Italian drops the article's vowel before a number read with one ("l'8 %", "dall'11/07/2027", "l'80 %", not "il 8",
    /// "dal 11"): a filled date or percentage lands after "il", "dal", "al", "del", "nel", "sul" in the Italian texts. A
    /// number read "otto…" (8, 08, 80, 800) or "undici" (11) elides; "il 1° luglio" and "il 18" do not. The texts of
    /// the other languages have none of these words before a figure.
    /// A date written with its weekday takes no article either: "da lunedì 4 gennaio", "entro venerdì 27 novembre", not
    /// "dal lunedì 4 gennaio" ("il lunedì" alone, with no date after it, is "on Mondays" and stays).
    public static string Elide(string text)
    {
        if (text.Contains("l 8", StringComparison.Ordinal) || text.Contains("l 08", StringComparison.Ordinal) || text.Contains("l 11", StringComparison.Ordinal))
        {
            text = ItalianArticleBeforeFigure().Replace(text, m => m.Groups[1].Value switch
            {
                "il" => "l'",
                "Il" => "L'",
                var article => article + "l'",
            });
        }

        return ItalianArticleBeforeDated().Replace(text, m => m.Groups[1].Value switch
        {
            "dal" => "da ",
            "al" => "a ",
            "del" => "di ",
            _ => "",
        });
    }

    [GeneratedRegex(@"\b(il|Il|dal|al|del|nel|sul) (?=0?8|11(?!\d))")]
    private static partial Regex ItalianArticleBeforeFigure();

    [GeneratedRegex(@"\b(il|dal|al|del) (?=(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) \d)")]
    private static partial Regex ItalianArticleBeforeDated();
}
