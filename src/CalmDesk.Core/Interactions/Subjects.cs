using System.Text.RegularExpressions;

namespace CalmDesk.Interactions;

/// Subject lines as mail clients write them in our languages: the reply and forward prefixes they add.
internal static partial class Subjects
{
    /// "Re: R: ΑΠ: Fwd: Consegna" → "Consegna": reply and forward prefixes in English, Italian, Greek, Spanish,
    /// French, German and Portuguese (Re, R, RIF, ΑΠ, ΣΧΕΤ, AW, SV, RV, RES, TR, WG, I, ENC, Fw, Fwd, ΠΡΘ), any number of them.
    public static string Strip(string subject)
    {
        var text = subject.Trim();
        while (Prefix().Match(text) is { Success: true } match)
        {
            text = text[match.Length..].TrimStart();
        }

        return text;
    }

    /// The subject of our answer: "Re: " and the customer's subject without its prefixes.
    public static string Reply(string subject) => "Re: " + Strip(subject);

    [GeneratedRegex(@"^(re|r|rif|απ|σχετ|aw|sv|rv|res|tr|wg|i|enc|fw|fwd|πρθ)(\[\d+\])?\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}
