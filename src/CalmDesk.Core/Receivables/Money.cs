using System.Globalization;

namespace CalmDesk.Receivables;

/// Amounts shown in the reader's number format with the amount's own currency symbol: "1.234,50 £" for an Italian
/// reader of a British invoice, never a euro sign on pounds. The figure and its symbol never part at a line's end: a
/// space between them is a non-breaking one ("1.234,50 €"), whatever the culture data of the machine gives.
internal static class Money
{
    private static readonly Dictionary<string, string> Symbols = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => new RegionInfo(c.Name))
        .GroupBy(r => r.ISOCurrencySymbol, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().CurrencySymbol, StringComparer.OrdinalIgnoreCase);

    public static string Format(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.GetValueOrDefault(currency, currency.ToUpperInvariant());
        return amount.ToString("C", format).Replace(' ', '\u00A0');
    }

    /// For tables: a dash where there is nothing, so the amounts that matter stand out.
    public static string OrDash(decimal amount, string currency, CultureInfo culture) => amount == 0 ? "–" : Format(amount, currency, culture);
}
