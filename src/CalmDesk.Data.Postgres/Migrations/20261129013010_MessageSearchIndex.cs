using CalmDesk.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
{
    /// <summary>
    /// Trigram indexes (pg_trgm, GIN) on the search keys of messages, customers, cases and invoices, which a search's
    /// <c>LIKE '%word%'</c> uses instead of reading every record. pg_trgm ships with PostgreSQL and is a trusted
    /// extension (13 and later), so the database's owner may create it; where it cannot be created the migration warns
    /// and search works as before, unindexed.
    /// </summary>
    [DbContext(typeof(CalmDeskDbContext))]
    [Migration("20261129013010_MessageSearchIndex")]
    public partial class MessageSearchIndex : Migration
    {
        private static readonly string[] Tables = ["Interactions", "Customers", "Cases", "Invoices"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var indexes = string.Concat(Tables.Select(t =>
                $"""CREATE INDEX IF NOT EXISTS "IX_{t}_SearchKey_Trigrams" ON "{t}" USING gin ("SearchKey" gin_trgm_ops);""" + "\n"));
            migrationBuilder.Sql($"""
                DO $$
                BEGIN
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    {indexes}
                EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
                    RAISE WARNING 'pg_trgm could not be set up (%): search reads every record', SQLERRM;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_{table}_SearchKey_Trigrams";""");
            }
        }
    }
}
