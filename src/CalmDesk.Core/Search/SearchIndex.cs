using System.Linq.Expressions;
using System.Text;
using CalmDesk.Cases;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Receivables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CalmDesk.Search;

/// Narrows a search of customers, messages, cases or invoices to the records an index says can hold every word of
/// three letters or more, before the search checks each key itself (<see cref="SearchMatch.WhereKeyHasAll"/>). Without
/// it a search read every record's key: 2.2 s for the messages of a 1,000,000-message book, half a second each for its
/// 100,000 customers and 946,000 invoices. SQLite asks a trigram index (FTS5, one per kind: "InteractionSearch",
/// "CustomerSearch", "CaseSearch", "InvoiceSearch") for the records that hold every three-letter piece of every word;
/// PostgreSQL adds a <c>LIKE '%word%'</c> per word, which its trigram indexes (pg_trgm) answer. A word of fewer than
/// three letters narrows nothing (it has no piece to look up) and is only checked.
internal static class SearchIndex
{
    public const int PieceLength = 3;

    /// The SQLite index of each kind of record.
    public static readonly IReadOnlyDictionary<Type, string> Tables = new Dictionary<Type, string>
    {
        [typeof(Interaction)] = "InteractionSearch",
        [typeof(Customer)] = "CustomerSearch",
        [typeof(Case)] = "CaseSearch",
        [typeof(Invoice)] = "InvoiceSearch",
    };

    /// Each index's lookup, fixed text with the query as its one parameter.
    private static readonly Dictionary<Type, string> Lookups = Tables.ToDictionary(
        t => t.Key, t => "SELECT rowid AS \"Value\" FROM \"" + t.Value + "\" WHERE \"" + t.Value + "\" MATCH {0}");

    public static IQueryable<T> Narrow<T>(this IQueryable<T> records, CalmDeskDbContext db, IReadOnlyList<string> words)
    {
        var indexed = words.Where(w => w.Length >= PieceLength).ToArray();
        if (indexed.Length == 0)
        {
            return records;
        }

        var record = Expression.Parameter(typeof(T), "r");
        if (db.Database.IsSqlite())
        {
            // The ids as their own type: a cast ("CAST(Id AS INTEGER) IN …") would keep SQLite from looking rows up by key.
            var id = Expression.Property(record, "Id");
            LambdaExpression inIndex;
            if (id.Type == typeof(long))
            {
                var candidates = db.Database.SqlQueryRaw<long>(Lookups[typeof(T)], Match(indexed));
                inIndex = (Expression<Func<long, bool>>)(i => candidates.Contains(i));
            }
            else
            {
                var candidates = db.Database.SqlQueryRaw<int>(Lookups[typeof(T)], Match(indexed));
                inIndex = (Expression<Func<int, bool>>)(i => candidates.Contains(i));
            }

            return records.Where(Lambda<T>(inIndex, id, record));
        }

        foreach (var word in indexed)
        {
            var pattern = "%" + Escape(word) + "%";
            Expression<Func<string, bool>> like = key => EF.Functions.Like(key, pattern, "\\");
            records = records.Where(Lambda<T>(like, Expression.Property(record, "SearchKey"), record));
        }

        return records;
    }

    /// An FTS5 query that every three-letter piece of every word must meet: "rossi" is "ros" AND "oss" AND "ssi". The
    /// index keeps no positions, so the pieces' order is left to the check of the key that follows.
    internal static string Match(IEnumerable<string> words)
    {
        var pieces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            for (var i = 0; i + PieceLength <= word.Length; i++)
            {
                pieces.Add(word.Substring(i, PieceLength));
            }
        }

        var query = new StringBuilder();
        foreach (var piece in pieces)
        {
            query.Append(query.Length == 0 ? "" : " AND ").Append('"').Append(piece.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }

    /// A condition on one of the record's values as a condition on the record: <paramref name="condition"/> with its
    /// parameter replaced by <paramref name="value"/>, read from <paramref name="record"/>.
    private static Expression<Func<T, bool>> Lambda<T>(LambdaExpression condition, Expression value, ParameterExpression record) =>
        Expression.Lambda<Func<T, bool>>(new ReplacingExpressionVisitor([condition.Parameters[0]], [value]).Visit(condition.Body), record);

    private static string Escape(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
