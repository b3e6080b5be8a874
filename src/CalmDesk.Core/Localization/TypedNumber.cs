using System.Globalization;

namespace CalmDesk.Localization;

/// A number as a person types it into a form: "1250", "1.250" or "1 250,50" to an Italian or Greek reader,
/// "1,250.50" to an English one, and "9.50" or "9,50" from anyone. A single mark followed by exactly three digits
/// ("1.250", "1,250") is the one reading two readers disagree on: it groups thousands where the reader's culture groups
/// with that mark, and is a decimal point elsewhere. Groups must be whole ("1.25.0" is refused), so a slip is an
/// error on the form rather than an amount a thousand times off. Returns null for what does not read as a number.
internal static class TypedNumber
{
    public static decimal? Read(string? text, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Spaces of every kind (a French or Greek reader may group with a no-break space) and the Swiss apostrophe.
        var s = string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not '\'' and not '’'));
        var negative = s.Length > 0 && s[0] is '-' or '−';
        s = negative ? s[1..] : s;
        var (lastDot, lastComma) = (s.LastIndexOf('.'), s.LastIndexOf(','));
        char? decimalMark;
        char? groupMark;
        if (lastDot >= 0 && lastComma >= 0)
        {
            (decimalMark, groupMark) = lastDot > lastComma ? ('.', ',') : (',', '.');
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            (decimalMark, groupMark) = (null, null);
        }
        else
        {
            var mark = lastDot >= 0 ? '.' : ',';
            var first = s.IndexOf(mark);
            var groupsThousands = culture.NumberFormat.NumberGroupSeparator == mark.ToString();
            var decimals = s.Length - first - 1;
            var grouping = first != s.LastIndexOf(mark) || (decimals == 3 && first is >= 1 and <= 3 && s[0] != '0' && groupsThousands);
            (decimalMark, groupMark) = grouping ? ((char?)null, (char?)mark) : (mark, null);
        }

        var point = decimalMark is { } d ? s.LastIndexOf(d) : s.Length;
        var whole = s[..point];
        var fraction = decimalMark is null ? "" : s[(point + 1)..];
        if (groupMark is { } g && whole.Contains(g))
        {
            var groups = whole.Split(g);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(group => group.Length != 3))
            {
                return null;
            }

            whole = string.Concat(groups);
        }

        if ((whole.Length == 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)
            || (decimalMark is not null && fraction.Length == 0))
        {
            return null;
        }

        return decimal.TryParse(fraction.Length == 0 ? whole : $"{(whole.Length == 0 ? "0" : whole)}.{fraction}",
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? negative ? -value : value
            : null;
    }
}
