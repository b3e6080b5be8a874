using CalmDesk.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <summary>
    /// An index of the search keys of messages, customers, cases and invoices by their three-letter pieces (SQLite FTS5,
    /// trigram tokenizer), so a search reads the few records that can match instead of every one (2.2 s over the
    /// messages of a 1,000,000-message book). Each keeps no copy of the text (an external-content index over its table)
    /// nor positions ('detail=none'): the search still checks each candidate's key. Triggers keep each index in step
    /// with every insert, change and deletion, including writes made around EF Core (the big-book generator, erasure);
    /// every row has its entry, a key not yet filled in (NULL, before the start-up backfill) an empty one, so a change
    /// always removes exactly what the index holds, as FTS5's external-content tables require.
    /// </summary>
    [DbContext(typeof(CalmDeskDbContext))]
    [Migration("20261129013000_MessageSearchIndex")]
    public partial class MessageSearchIndex : Migration
    {
        private static readonly (string Table, string Index)[] Indexes =
        [
            ("Interactions", "InteractionSearch"), ("Customers", "CustomerSearch"), ("Cases", "CaseSearch"), ("Invoices", "InvoiceSearch"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, index) in Indexes)
            {
                migrationBuilder.Sql($"""
                    CREATE VIRTUAL TABLE "{index}" USING fts5("SearchKey", content='{table}', content_rowid='Id', tokenize='trigram', detail='none');
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Insert" AFTER INSERT ON "{table}" BEGIN
                        INSERT INTO "{index}"(rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Delete" AFTER DELETE ON "{table}" BEGIN
                        INSERT INTO "{index}"("{index}", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_Search_Update" AFTER UPDATE OF "SearchKey" ON "{table}" BEGIN
                        INSERT INTO "{index}"("{index}", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
                        INSERT INTO "{index}"(rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
                    END;
                    """);
                migrationBuilder.Sql($"""INSERT INTO "{index}"("{index}") VALUES ('rebuild');""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, index) in Indexes)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_Search_Update";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_Search_Delete";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_Search_Insert";""");
                migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{index}";""");
            }
        }
    }
}
