using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CalmDesk.Data.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competitors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Offboardings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FactsVerified = table.Column<bool>(type: "boolean", nullable: false),
                    RulesExplained = table.Column<bool>(type: "boolean", nullable: false),
                    EducationTried = table.Column<bool>(type: "boolean", nullable: false),
                    MoneyWeighed = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    NonRenewalOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Referrals = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LetterLanguage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    LetterSubject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LetterBody = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    LetterIssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalInvoiceDone = table.Column<bool>(type: "boolean", nullable: false),
                    OpenOrdersDone = table.Column<bool>(type: "boolean", nullable: false),
                    DataReturnedDone = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OffboardingId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    What = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
