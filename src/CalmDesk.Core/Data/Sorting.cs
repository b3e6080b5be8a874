using System.Linq.Expressions;

namespace CalmDesk.Data;

/// <summary>The order a list is asked for, as an address or the API writes it: a column's name, with a "-" in front for
/// the other way round ("company", "-renewal"). Each list names the columns it can sort by.</summary>
internal sealed record Sorting(string Column, bool Descending)
{
    public override string ToString() => (Descending ? "-" : "") + Column;

    /// <summary>Reads <paramref name="text"/>; nothing is <c>null</c> (the list's own order), a column the list does not
    /// have is an error naming the ones it has.</summary>
    public static bool TryParse(string? text, IReadOnlyCollection<string> columns, out Sorting? sorting, out string? error)
    {
        sorting = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        var descending = trimmed.StartsWith('-');
        var column = descending ? trimmed[1..] : trimmed;
        if (!columns.Contains(column, StringComparer.Ordinal))
        {
            error = $"Unknown sort '{text}'; use one of {string.Join(", ", columns)}, with '-' in front for the other way round.";
            return false;
        }

        sorting = new Sorting(column, descending);
        return true;
    }
}

/// Sorting helpers that keep empty values last whichever way a list is turned, on every database.
internal static class SortingQueries
{
    /// Lets a query of an anonymous type be ordered by a switch.
    public static IOrderedQueryable<T> Apply<T>(this IQueryable<T> rows, Func<IQueryable<T>, IOrderedQueryable<T>> order) => order(rows);

    public static IOrderedQueryable<T> By<T, TKey>(this IQueryable<T> rows, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>By an enum in its declared order (a customer's life: prospect, active, on hold…), not by the English name
    /// the database stores it as.</summary>
    public static IOrderedQueryable<T> ByEnumOrder<T, TEnum>(this IQueryable<T> rows, Expression<Func<T, TEnum>> key, bool descending)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        Expression position = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            position = Expression.Condition(Expression.Equal(key.Body, Expression.Constant(values[i])), Expression.Constant(i), position);
        }

        return rows.By(Expression.Lambda<Func<T, int>>(position, key.Parameters), descending);
    }

    /// By a value that may be missing (a date, a name), missing ones last whichever way the list is turned.
    public static IOrderedQueryable<T> ByEmptyLast<T, TKey>(this IQueryable<T> rows, Expression<Func<T, TKey>> key, bool descending)
    {
        var isNull = Expression.Lambda<Func<T, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
        var ordered = rows.OrderBy(isNull);
        return descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
    }
}
