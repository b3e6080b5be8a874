using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
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
                type: "character varying(32)",
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
