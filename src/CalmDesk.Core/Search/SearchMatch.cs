using System.Linq.Expressions;
using CalmDesk.Customers;

namespace CalmDesk.Search;

/// How a query meets stored search keys, the same in the global search and the customers list: every word of the
/// query must appear in the key, in any order ("rossi milano" finds "Milano, Rossi &amp; figli").
internal static class SearchMatch
{
    public const int MaxWords = 6;

    private static readonly System.Reflection.MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    /// The query's words as keys (<see cref="SearchText.Key"/>), each once, at most <see cref="MaxWords"/>.
    public static string[] Words(string? query) =>
        SearchText.Key(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(MaxWords).ToArray();

    /// The records whose key holds every word.
    public static IQueryable<T> WhereKeyHasAll<T>(this IQueryable<T> records, Expression<Func<T, string>> key, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            // The word as a captured value, so the database gets it as a parameter, not as text in the SQL.
            Expression<Func<string>> value = () => word;
            var contains = Expression.Call(key.Body, StringContains, value.Body);
            records = records.Where(Expression.Lambda<Func<T, bool>>(contains, key.Parameters));
        }

        return records;
    }
}
