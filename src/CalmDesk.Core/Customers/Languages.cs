using System.Globalization;

namespace CalmDesk.Customers;

internal static class Languages
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Select(c => c.TwoLetterISOLanguageName)
        .Where(n => n.Length == 2)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string code) => code.Trim().Length == 2 && Known.Contains(code.Trim());

    /// The culture of a language code, or null when .NET does not know it.
    public static CultureInfo? Culture(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// The culture to format dates, numbers and money for a language, invariant when .NET does not know it.
    public static CultureInfo CultureOrInvariant(string code) => Culture(code) ?? CultureInfo.InvariantCulture;

    /// The language's name in itself ("Italiano", "Ελληνικά"), or the code when unknown.
    public static string NativeName(string code) => Culture(code)?.NativeName ?? code;
}
