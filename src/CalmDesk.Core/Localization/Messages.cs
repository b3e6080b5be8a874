using System.Globalization;
using System.Resources;

namespace CalmDesk.Localization;

/// Messages people read (validation errors above all) in the current UI culture: Messages.it.resx and
/// Messages.el.resx translate them, keyed by the English text, which is also the fallback.
internal static class Messages
{
    private static readonly ResourceManager Resources = new("CalmDesk.Localization.Messages", typeof(Messages).Assembly);

    public static string Get(string english) =>
        Resources.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } translated ? translated : english;

    public static string Format(string english, params object?[] args) =>
        Elided(string.Format(CultureInfo.CurrentCulture, Get(english), args));

    /// Italian drops the article's vowel before a figure read with one ("fino all'11/07/2027", not "fino al 11/07/2027").
    private static string Elided(string text) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "it" ? ItalianArticles.Elide(text) : text;

    /// A text with a count, in the plural form the count takes in the reader's language: the "|one" resource for
    /// one ("1 incident"), the text itself otherwise. The count is the first argument, {0}.
    public static string Count(string english, decimal count, params object?[] more)
    {
        var text = Plurals.IsOne(count, CultureInfo.CurrentUICulture)
            && Resources.GetString(english + Plurals.OneSuffix, CultureInfo.CurrentUICulture) is { Length: > 0 } one ? one : Get(english);
        return Elided(string.Format(CultureInfo.CurrentCulture, text, [count, .. more]));
    }
}
