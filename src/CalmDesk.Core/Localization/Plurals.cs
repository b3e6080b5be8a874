using System.Globalization;

namespace CalmDesk.Localization;

/// Which plural form a count takes, by the CLDR cardinal rules of the languages CalmDesk writes. Texts with a count
/// have a second resource, the key with "|one" appended, used when the count takes the "one" form ("1 day",
/// "1 giorno", "1 ημέρα"); the key itself is the "other" form ("0 days", "2 giorni", "5 ημέρες").
internal static class Plurals
{
    public const string OneSuffix = "|one";

    /// True when the count takes the "one" form in the language: exactly 1 in English, Italian, Greek, German,
    /// Spanish and Portuguese (Portugal); 0 and 1 (and 1.5) in French.
    public static bool IsOne(decimal count, CultureInfo language) => language.TwoLetterISOLanguageName switch
    {
        "fr" => count >= 0 && count < 2,
        _ => count == 1 && decimal.Truncate(count) == count && !HasVisibleFraction(count),
    };

    // "1.0 days" is plural in English: a written fraction, even of zeros, takes the "other" form.
    private static bool HasVisibleFraction(decimal count) => count.Scale > 0;
}
