using System.Globalization;
using CalmDesk.Localization;
using Microsoft.Extensions.Localization;

namespace CalmDesk.Infrastructure;

/// Page texts with a count: <c>L.Count("{0} days", n)</c> shows the key's "|one" resource when the count takes the
/// "one" form in the reader's language ("1 giorno"), the key's own otherwise ("3 giorni"). English "one" forms live in
/// Texts.resx, beside the ids that have no English key.
internal static class PluralTexts
{
    /// The count is the text's first argument, {0}.
    public static LocalizedString Count(this IStringLocalizer localizer, string key, decimal count, params object[] more) =>
        localizer.Pick(key, count, [count.ToString("#,0.##", CultureInfo.CurrentCulture), .. more]);

    /// The count decides the form but sits anywhere among the arguments (or is shown formatted, e.g. "12.5").
    public static LocalizedString Pick(this IStringLocalizer localizer, string key, decimal count, params object[] arguments)
    {
        if (Plurals.IsOne(count, CultureInfo.CurrentUICulture) && localizer[key + Plurals.OneSuffix, arguments] is { ResourceNotFound: false } one)
        {
            return one;
        }

        return localizer[key, arguments];
    }

    /// A text whose figures may hold a count (the health card's reasons): its form follows the first figure, or the
    /// one named in <see cref="CountAt"/> (the payment reason is about money first, but "1 day" is its count).
    /// Amounts among the figures are shown as money in the reader's culture ("1.750,43 €"), as everywhere else.
    public static LocalizedString Figures(this IStringLocalizer localizer, string key, object[] figures)
    {
        key = Variant(key, figures);
        var at = CountAt.GetValueOrDefault(key);
        var shown = AsMoney(key, figures);
        return figures.Length > at && figures[at] is int or long or decimal or double
            ? localizer.Pick(key, Convert.ToDecimal(figures[at], CultureInfo.InvariantCulture), shown)
            : localizer[key, shown];
    }

    private static object[] AsMoney(string key, object[] figures)
    {
        if (!MoneyAt.TryGetValue(key, out var money) || figures.Length <= money.Currency || figures[money.Currency] is not string currency)
        {
            return figures;
        }

        var shown = (object[])figures.Clone();
        foreach (var i in money.Amounts.Where(i => figures[i] is int or long or decimal or double))
        {
            shown[i] = Receivables.Money.Format(Convert.ToDecimal(figures[i], CultureInfo.InvariantCulture), currency, CultureInfo.CurrentCulture);
        }

        return shown;
    }

    /// The payment reason names only what applies: nothing overdue ("0,00 € overdue (oldest 0 days)") or nothing paid
    /// late ("0 of 4 invoices paid late") is left out.
    private static string Variant(string key, object[] figures) =>
        key == "health_payment" && figures.Length >= 4 && IsZero(figures[0]) != IsZero(figures[2])
            ? IsZero(figures[0]) ? "health_payment_late" : "health_payment_overdue"
            : key;

    private static bool IsZero(object figure) => figure is int or long or decimal or double && Convert.ToDecimal(figure, CultureInfo.InvariantCulture) == 0;

    private static readonly Dictionary<string, int> CountAt = new(StringComparer.Ordinal)
    {
        ["health_payment"] = 1,
        ["health_payment_overdue"] = 1,
        ["health_payment_late"] = 2,
    };

    /// Which figures of a text are amounts, and which one names their currency.
    private static readonly Dictionary<string, (int[] Amounts, int Currency)> MoneyAt = new(StringComparer.Ordinal)
    {
        ["health_cost"] = ([0, 1], 2),
        ["health_payment"] = ([0], 4),
        ["health_payment_overdue"] = ([0], 4),
    };
}
