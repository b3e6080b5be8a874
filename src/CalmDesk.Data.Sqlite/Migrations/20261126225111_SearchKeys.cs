using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Invoices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Interactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            // Customers' keys now spell Greek in Latin letters too: empty ones are made again at start (SearchKeys.BackfillAsync).
            migrationBuilder.Sql("UPDATE \"Customers\" SET \"SearchKey\" = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Cases");
        }
    }
}
