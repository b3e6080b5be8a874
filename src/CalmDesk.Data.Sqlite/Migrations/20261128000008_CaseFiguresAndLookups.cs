using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseFiguresAndLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Commitments_CustomerId",
                table: "Commitments");

            migrationBuilder.CreateTable(
                name: "CaseFigures",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeakAnger = table.Column<double>(type: "REAL", nullable: false),
                    Abusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Interactions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFigures", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseFigures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_CustomerId_Status_DueAt",
                table: "Commitments",
                columns: new[] { "CustomerId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AbuseIncidents_OccurredAt_RepId_CustomerId_WronglyDetected_Severity",
                table: "AbuseIncidents",
                columns: new[] { "OccurredAt", "RepId", "CustomerId", "WronglyDetected", "Severity" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFigures_CustomerId",
                table: "CaseFigures",
                column: "CustomerId");

            // Every customer's cases are worked out again by the background refresh, which now stores their figures; until
            // it is done the cases list works them out from the messages.
            migrationBuilder.Sql("""UPDATE "HealthScores" SET "Computed" = -1""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseFigures");

            migrationBuilder.DropIndex(
                name: "IX_Commitments_CustomerId_Status_DueAt",
                table: "Commitments");

            migrationBuilder.DropIndex(
                name: "IX_AbuseIncidents_OccurredAt_RepId_CustomerId_WronglyDetected_Severity",
                table: "AbuseIncidents");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_CustomerId",
                table: "Commitments",
                column: "CustomerId");
        }
    }
}
