using System.Globalization;

namespace CalmDesk.Localization;

/// Runs a piece of a test as a reader of one language would (texts and formats), then puts the thread back.
internal static class InCulture
{
    public static T Run<T>(string language, Func<T> action)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
