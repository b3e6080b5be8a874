using System.Globalization;

namespace CalmDesk.Localization;

/// A number as a person types it into a form: "1250", "1.250" or "1 250,50" to an Italian or Greek reader,
/// "1,250.50" to an English one, and "9.50" or "9,50" from anyone. A single mark followed by exactly three digits
/// ("1.250", "1,250") is the one reading two readers disagree on: it is a decimal mark only where it is the reader's
/// own decimal mark, and groups thousands otherwise. Groups must be whole, whether marked by a point, a comma, a space
/// or an apostrophe ("1.25.0", "9 50" and "1250.000" to an Italian are refused), so a slip is an error on the form
/// rather than an amount a thousand times off. Returns null for what does not read as a number.
internal static class TypedNumber
{
    public static decimal? Read(string? text, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Spaces of every kind (a French or Greek reader may group with a no-break space) and the Swiss apostrophe
        // all mark groups: one space stands for them.
        var s = string.Concat(text.Trim().Select(c => char.IsWhiteSpace(c) || c is '\'' or '’' ? ' ' : c));
        var negative = s.Length > 0 && s[0] is '-' or '−';
        s = negative ? s[1..] : s;
        var spaced = s.Contains(' ', StringComparison.Ordinal);
        var (lastDot, lastComma) = (s.LastIndexOf('.'), s.LastIndexOf(','));
        char? decimalMark;
        char? groupMark;
        if (lastDot >= 0 && lastComma >= 0)
        {
            if (spaced)
            {
                return null; // three kinds of mark: no reading is safe
            }

            (decimalMark, groupMark) = lastDot > lastComma ? ('.', ',') : (',', '.');
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            (decimalMark, groupMark) = (null, spaced ? ' ' : null);
        }
        else
        {
            var mark = lastDot >= 0 ? '.' : ',';
            var first = s.IndexOf(mark);
            var once = first == s.LastIndexOf(mark);
            var decimals = s.Length - first - 1;
            var readersDecimal = culture.NumberFormat.NumberDecimalSeparator == mark.ToString();
            if (spaced)
            {
                // "1 250,50": the space groups, so the mark can only be the decimal one.
                (decimalMark, groupMark) = once ? (mark, ' ') : ((char?)null, (char?)null);
                if (!once)
                {
                    return null;
                }
            }
            else if (!once)
            {
                (decimalMark, groupMark) = (null, mark);
            }
            else if (decimals != 3 || readersDecimal || (first == 1 && s[0] == '0'))
            {
                (decimalMark, groupMark) = (mark, null);
            }
            else if (first is >= 1 and <= 3)
            {
                (decimalMark, groupMark) = (null, mark);
            }
            else
            {
                return null; // "1250.000" to a reader who groups with the point: a group too long
            }
        }

        var point = decimalMark is { } d ? s.LastIndexOf(d) : s.Length;
        var whole = s[..point];
        var fraction = decimalMark is null ? "" : s[(point + 1)..];
        if (groupMark is { } g && whole.Contains(g))
        {
            var groups = whole.Split(g);
            if (groups[0].Length is < 1 or > 3 || groups[0][0] == '0' || groups.Skip(1).Any(group => group.Length != 3))
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
