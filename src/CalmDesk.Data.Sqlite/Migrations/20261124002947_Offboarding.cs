using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CalmDesk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Offboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Competitors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competitors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Offboardings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FactsVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    RulesExplained = table.Column<bool>(type: "INTEGER", nullable: false),
                    EducationTried = table.Column<bool>(type: "INTEGER", nullable: false),
                    MoneyWeighed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    NonRenewalOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Referrals = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LetterLanguage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    LetterSubject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LetterBody = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    LetterIssuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalInvoiceDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenOrdersDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    DataReturnedDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offboardings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Offboardings_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OffboardingEvent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OffboardingId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    What = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OffboardingEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OffboardingEvent_Offboardings_OffboardingId",
                        column: x => x.OffboardingId,
                        principalTable: "Offboardings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OffboardingEvent_OffboardingId",
                table: "OffboardingEvent",
                column: "OffboardingId");

            migrationBuilder.CreateIndex(
                name: "IX_Offboardings_CustomerId_Status",
                table: "Offboardings",
                columns: new[] { "CustomerId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Competitors");

            migrationBuilder.DropTable(
                name: "OffboardingEvent");

            migrationBuilder.DropTable(
                name: "Offboardings");
        }
    }
}
