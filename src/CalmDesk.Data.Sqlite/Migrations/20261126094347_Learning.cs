using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Learning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AngerCorrected",
                table: "Interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalysisCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    InteractionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    HeldOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalysisCorrections_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnalysisCorrections_Interactions_InteractionId",
                        column: x => x.InteractionId,
                        principalTable: "Interactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModelRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ComparedWith = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    File = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CorrectionsTrained = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrectionsHeldOut = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveDevF1 = table.Column<double>(type: "REAL", nullable: true),
                    CandidateDevF1 = table.Column<double>(type: "REAL", nullable: true),
                    ActiveHeldOut = table.Column<double>(type: "REAL", nullable: true),
                    CandidateHeldOut = table.Column<double>(type: "REAL", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisCorrections_CustomerId",
                table: "AnalysisCorrections",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisCorrections_InteractionId_Source",
                table: "AnalysisCorrections",
                columns: new[] { "InteractionId", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_OneActive",
                table: "ModelRuns",
                column: "IsActive",
                unique: true,
                filter: "\"IsActive\"");

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_OneRunning",
                table: "ModelRuns",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisCorrections");

            migrationBuilder.DropTable(
                name: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "AngerCorrected",
                table: "Interactions");
        }
    }
}
