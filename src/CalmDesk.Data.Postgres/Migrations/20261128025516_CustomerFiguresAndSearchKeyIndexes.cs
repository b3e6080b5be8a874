using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerFiguresAndSearchKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerFigures",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    LastContactAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Contacted = table.Column<bool>(type: "boolean", nullable: false),
                    Interactions = table.Column<int>(type: "integer", nullable: false),
                    LatestAnger = table.Column<double>(type: "double precision", nullable: true),
                    LatestLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LatestAbusive = table.Column<bool>(type: "boolean", nullable: false),
                    Trend = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerFigures", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_CustomerFigures_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_SearchKeyMissing",
                table: "Invoices",
                column: "Id",
                filter: "\"SearchKey\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_SearchKeyMissing",
                table: "Interactions",
                column: "Id",
                filter: "\"SearchKey\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SearchKeyMissing",
                table: "Cases",
                column: "Id",
                filter: "\"SearchKey\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerFigures_Contacted_LastContactAt",
                table: "CustomerFigures",
                columns: new[] { "Contacted", "LastContactAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerFigures_Contacted_LastContactAt_Oldest",
                table: "CustomerFigures",
                columns: new[] { "Contacted", "LastContactAt" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerFigures_Interactions",
                table: "CustomerFigures",
                column: "Interactions");

            // Every customer is worked out again by the background refresh, which now stores their list figures; until it is
            // done the customers list works them out from the messages.
            migrationBuilder.Sql("""UPDATE "HealthScores" SET "Computed" = -1""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerFigures");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_SearchKeyMissing",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_SearchKeyMissing",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SearchKeyMissing",
                table: "Cases");
        }
    }
}
