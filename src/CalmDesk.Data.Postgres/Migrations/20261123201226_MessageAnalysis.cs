using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Analysis_AbuseScore",
                table: "Interactions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Analysis_AbuseTargeted",
                table: "Interactions",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "Analysis_AnalyzedAt",
                table: "Interactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_AngerLevel",
                table: "Interactions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Analysis_AngerScore",
                table: "Interactions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Details",
                table: "Interactions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Language",
                table: "Interactions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Situations",
                table: "Interactions",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Analysis_Threats",
                table: "Interactions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Analysis_Version",
                table: "Interactions",
                type: "integer",
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
