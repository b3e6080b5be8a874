using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Offboardings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Handovers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Commitments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Older books may hold two open checklists or two pending hand-overs for one customer (both asked at the same
            // instant): the oldest stays, the others are closed as a person would have done, then the rule holds.
            migrationBuilder.Sql("UPDATE \"Offboardings\" SET \"Status\" = 'Cancelled' WHERE \"Status\" = 'Open' AND \"Id\" NOT IN (SELECT MIN(\"Id\") FROM \"Offboardings\" WHERE \"Status\" = 'Open' GROUP BY \"CustomerId\")");
            migrationBuilder.Sql("UPDATE \"Handovers\" SET \"Status\" = 'Declined' WHERE \"Status\" = 'Pending' AND \"Id\" NOT IN (SELECT MIN(\"Id\") FROM \"Handovers\" WHERE \"Status\" = 'Pending' GROUP BY \"CustomerId\")");

            migrationBuilder.CreateIndex(
                name: "IX_Offboardings_OneOpen",
                table: "Offboardings",
                column: "CustomerId",
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_OnePending",
                table: "Handovers",
                column: "CustomerId",
                unique: true,
                filter: "\"Status\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offboardings_OneOpen",
                table: "Offboardings");

            migrationBuilder.DropIndex(
                name: "IX_Handovers_OnePending",
                table: "Handovers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Offboardings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Handovers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cases");
        }
    }
}
