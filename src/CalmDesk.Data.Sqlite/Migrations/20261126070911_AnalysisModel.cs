using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalysisModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Analysis_Model",
                table: "Interactions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Analysis_Model",
                table: "Interactions");
        }
    }
}
