using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WaitingConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WaitingConversations",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseKey = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    WaitingSince = table.Column<long>(type: "INTEGER", nullable: false),
                    LastInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastInId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    Mood = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitingConversations", x => new { x.CustomerId, x.CaseKey });
                    table.ForeignKey(
                        name: "FK_WaitingConversations_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WaitingConversations_WaitingSince_CustomerId_CaseKey",
                table: "WaitingConversations",
                columns: new[] { "WaitingSince", "CustomerId", "CaseKey" });

            // Every customer's conversations are worked out again by the background refresh, which now stores them; until
            // it is done the inbox works them out from the messages.
            migrationBuilder.Sql("""UPDATE "HealthScores" SET "Computed" = -1""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WaitingConversations");
        }
    }
}
