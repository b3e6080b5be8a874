using System.Linq.Expressions;
using System.Reflection;
using CalmDesk.Audit;
using CalmDesk.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CalmDesk.Privacy;

/// <summary>
/// Every table that holds something of one customer, found in the database model rather than listed by hand, so a table
/// added later is exported and erased without anyone remembering to: the tables with a <c>CustomerId</c>, then the
/// tables hanging off those by a foreign key (a promise's history, a message's files, raw mail and outgoing mail, a
/// let-go's steps, an order's lines), and so on. The audit log is not one of them: it is about the staff's actions
/// and is redacted, not exported or deleted.
/// </summary>
internal sealed class CustomerTables
{
    /// One table, and how its rows of a customer are found: by its own customer id, or by a foreign key into a parent.
    internal sealed record Table(IEntityType Type, IProperty Link, Table? Parent, IProperty? ParentKey)
    {
        public string Name => Type.GetTableName() ?? Type.ClrType.Name;

        public int Depth => Parent is null ? 1 : Parent.Depth + 1;
    }

    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    public IReadOnlyList<Table> Tables { get; }

    public CustomerTables(IModel model)
    {
        var tables = new List<Table>();
        var found = new Dictionary<IEntityType, Table>();
        // Owned parts are read with their owner; the customer row itself and the audit log are not among its records.
        var candidates = model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Customer) && t.ClrType != typeof(AuditEntry)).ToList();
        foreach (var type in candidates)
        {
            if (type.FindProperty("CustomerId") is { } link)
            {
                var table = new Table(type, link, null, null);
                tables.Add(table);
                found[type] = table;
            }
        }

        // Then whatever hangs off a table already found, level by level, until nothing new is found.
        for (var added = true; added;)
        {
            added = false;
            foreach (var type in candidates.Where(t => !found.ContainsKey(t)))
            {
                var key = type.GetForeignKeys()
                    .Where(k => k.Properties.Count == 1 && found.ContainsKey(k.PrincipalEntityType))
                    .OrderBy(k => found[k.PrincipalEntityType].Depth)
                    .FirstOrDefault();
                if (key is null)
                {
                    continue;
                }

                var table = new Table(type, key.Properties[0], found[key.PrincipalEntityType], key.PrincipalKey.Properties[0]);
                tables.Add(table);
                found[type] = table;
                added = true;
            }
        }

        Tables = tables;
    }

    /// The customer's rows of one table, not tracked unless asked (to change them).
    public static IQueryable Rows(DbContext db, Table table, int customerId, bool tracked = false)
    {
        var rows = (IQueryable)SetMethod.MakeGenericMethod(table.Type.ClrType).Invoke(db, null)!;
        var parameter = Expression.Parameter(table.Type.ClrType, "row");
        var link = Read(parameter, table.Link);
        Expression test;
        if (table.Parent is null)
        {
            test = Expression.Equal(link, Expression.Constant(customerId, table.Link.ClrType));
        }
        else
        {
            // row.Link IN (SELECT parent.Key FROM the parent's rows of this customer): one statement, however many rows.
            // Tracked like the outer query: EF reads an AsNoTracking anywhere in a query as the whole query's.
            var parentRows = Rows(db, table.Parent, customerId, tracked);
            var parentParameter = Expression.Parameter(table.Parent.Type.ClrType, "parent");
            var keyType = table.Link.ClrType;
            var selector = Expression.Lambda(Expression.Convert(Read(parentParameter, table.ParentKey!), keyType), parentParameter);
            var keys = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [table.Parent.Type.ClrType, keyType], parentRows.Expression, Expression.Quote(selector));
            test = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [keyType], keys, link);
        }

        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [table.Type.ClrType], rows.Expression,
            Expression.Quote(Expression.Lambda(test, parameter)));
        if (tracked)
        {
            return rows.Provider.CreateQuery(where);
        }

        var untracked = Expression.Call(typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking),
            [table.Type.ClrType], where);
        return rows.Provider.CreateQuery(untracked);
    }

    /// Deletes the customer's rows of one table in one statement; returns how many.
    public static Task<int> DeleteAsync(DbContext db, Table table, int customerId, CancellationToken cancellationToken)
    {
        var rows = Rows(db, table, customerId);
        var method = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.ExecuteDeleteAsync))!
            .MakeGenericMethod(table.Type.ClrType);
        return (Task<int>)method.Invoke(null, [rows, cancellationToken])!;
    }

    private static MethodCallExpression Read(ParameterExpression row, IProperty property) =>
        Expression.Call(PropertyMethod.MakeGenericMethod(property.ClrType), row, Expression.Constant(property.Name));
}
