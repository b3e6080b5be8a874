using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CustomerId_Kind_DueAt",
                table: "Notifications",
                columns: new[] { "CustomerId", "Kind", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_MergedIntoId",
                table: "Cases",
                columns: new[] { "Status", "MergedIntoId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_CustomerId_Kind_DueAt",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_MergedIntoId",
                table: "Cases");
        }
    }
}
