using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MessageAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Analysis_AbuseKinds",
                table: "Interactions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Analysis_AbuseScore",
                table: "Interactions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Analysis_AbuseTargeted",
                table: "Interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Analysis_AnalyzedAt",
                table: "Interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_AngerLevel",
                table: "Interactions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Analysis_AngerScore",
                table: "Interactions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Details",
                table: "Interactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Language",
                table: "Interactions",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Situations",
                table: "Interactions",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Threats",
                table: "Interactions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Analysis_Version",
                table: "Interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Analysis_Version",
                table: "Interactions",
                column: "Analysis_Version");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_Analysis_Version",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AbuseKinds",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AbuseScore",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AbuseTargeted",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AnalyzedAt",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AngerLevel",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_AngerScore",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_Details",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_Language",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_Situations",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_Threats",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "Analysis_Version",
                table: "Interactions");
        }
    }
}
