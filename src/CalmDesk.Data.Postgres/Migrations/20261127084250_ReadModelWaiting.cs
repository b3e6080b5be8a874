using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReadModelWaiting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReadModelStamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadModelStamps", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "ReadModelStamps",
                columns: new[] { "Name", "Version" },
                values: new object[] { "health", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_AsOf",
                table: "HealthScores",
                column: "AsOf");

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_Settings",
                table: "HealthScores",
                column: "Settings");

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_Waiting",
                table: "HealthScores",
                column: "CustomerId",
                filter: "\"Computed\" <> \"Changes\"");

            // Every customer has a row from the save that adds it, so a read finds what waits through the indexes alone;
            // those added before get theirs here, waiting to be worked out.
            migrationBuilder.Sql("""
                INSERT INTO "HealthScores" ("CustomerId", "Changes", "Computed", "AsOf", "Settings", "Score", "BeforeScore", "CostsMore", "NetOrder",
                    "Revenue", "Concessions", "Minutes", "AngerRecent", "AngerBefore", "AbuseIncidents", "BoundaryAsks", "Overdue", "OldestOverdueDays",
                    "PaidLate", "Paid", "OpenCases", "PromisesBrokenByUs")
                SELECT "Id", 0, -1, '0001-01-01', '', 0, NULL, FALSE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM "Customers"
                WHERE NOT EXISTS (SELECT 1 FROM "HealthScores" h WHERE h."CustomerId" = "Customers"."Id")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReadModelStamps");

            migrationBuilder.DropIndex(
                name: "IX_HealthScores_AsOf",
                table: "HealthScores");

            migrationBuilder.DropIndex(
                name: "IX_HealthScores_Settings",
                table: "HealthScores");

            migrationBuilder.DropIndex(
                name: "IX_HealthScores_Waiting",
                table: "HealthScores");
        }
    }
}
