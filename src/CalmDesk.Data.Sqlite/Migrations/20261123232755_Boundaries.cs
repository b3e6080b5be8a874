using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Boundaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Terms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: true),
                    DepositPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    DepositMethods = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpenDays = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OpensAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    ClosesAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    DeliveryDays = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PaymentTermsDays = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxDiscountPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    ResponseHours = table.Column<int>(type: "INTEGER", nullable: true),
                    Clauses = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Terms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Terms_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Terms_CustomerId",
                table: "Terms",
                column: "CustomerId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Terms");
        }
    }
}
