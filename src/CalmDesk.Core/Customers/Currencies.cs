using System.Globalization;

namespace CalmDesk.Customers;

internal static class Currencies
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => new RegionInfo(c.Name).ISOCurrencySymbol)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string code) => code.Trim().Length == 3 && Known.Contains(code.Trim());
}
