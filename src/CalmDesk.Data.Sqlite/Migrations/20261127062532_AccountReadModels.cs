using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DaysToPay",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Open",
                table: "Invoices",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<bool>(
                name: "Outstanding",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SettledOn",
                table: "Invoices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgingBalances",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Current = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Days1To30 = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Days31To60 = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Days61To90 = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Over90 = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Unapplied = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    OldestBucket = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueOrder = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgingBalances", x => new { x.CustomerId, x.Currency });
                    table.ForeignKey(
                        name: "FK_AgingBalances_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HealthScores",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Changes = table.Column<long>(type: "INTEGER", nullable: false),
                    Computed = table.Column<long>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    BeforeScore = table.Column<int>(type: "INTEGER", nullable: true),
                    CostsMore = table.Column<bool>(type: "INTEGER", nullable: false),
                    NetOrder = table.Column<double>(type: "REAL", nullable: false),
                    Revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Concessions = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    AngerRecent = table.Column<double>(type: "REAL", nullable: false),
                    AngerBefore = table.Column<double>(type: "REAL", nullable: false),
                    AbuseIncidents = table.Column<int>(type: "INTEGER", nullable: false),
                    BoundaryAsks = table.Column<int>(type: "INTEGER", nullable: false),
                    Overdue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    OldestOverdueDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PaidLate = table.Column<int>(type: "INTEGER", nullable: false),
                    Paid = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenCases = table.Column<int>(type: "INTEGER", nullable: false),
                    PromisesBrokenByUs = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthScores", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_HealthScores_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Outstanding_DueOn",
                table: "Invoices",
                column: "DueOn",
                filter: "\"Outstanding\"");

            migrationBuilder.CreateIndex(
                name: "IX_AgingBalances_OldestBucket_OverdueOrder",
                table: "AgingBalances",
                columns: new[] { "OldestBucket", "OverdueOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_CostsMore_NetOrder",
                table: "HealthScores",
                column: "NetOrder",
                filter: "\"CostsMore\"");

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_Score",
                table: "HealthScores",
                column: "Score");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgingBalances");

            migrationBuilder.DropTable(
                name: "HealthScores");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Outstanding_DueOn",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "DaysToPay",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "Open",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "Outstanding",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "SettledOn",
                table: "Invoices");
        }
    }
}
