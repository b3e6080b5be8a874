using System.Globalization;

namespace CalmDesk.Customers;

internal static class Languages
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Select(c => c.TwoLetterISOLanguageName)
        .Where(n => n.Length == 2)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string code) => code.Trim().Length == 2 && Known.Contains(code.Trim());
}
