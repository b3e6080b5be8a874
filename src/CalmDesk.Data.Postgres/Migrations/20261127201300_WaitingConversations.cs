using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
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
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    CaseKey = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: true),
                    WaitingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastInId = table.Column<long>(type: "bigint", nullable: false),
                    LastOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    Mood = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
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
