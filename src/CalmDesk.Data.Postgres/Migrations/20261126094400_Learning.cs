using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalysisCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    InteractionId = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Labels = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    HeldOut = table.Column<bool>(type: "boolean", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ComparedWith = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    File = table.Column<byte[]>(type: "bytea", nullable: true),
                    CorrectionsTrained = table.Column<int>(type: "integer", nullable: false),
                    CorrectionsHeldOut = table.Column<int>(type: "integer", nullable: false),
                    ActiveDevF1 = table.Column<double>(type: "double precision", nullable: true),
                    CandidateDevF1 = table.Column<double>(type: "double precision", nullable: true),
                    ActiveHeldOut = table.Column<double>(type: "double precision", nullable: true),
                    CandidateHeldOut = table.Column<double>(type: "double precision", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
