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
        string.Format(CultureInfo.CurrentCulture, Get(english), args);
}
