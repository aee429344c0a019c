using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RecoveryWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CountedFiguresAndDecisionsKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MatchProposals_Cases_CandidateCaseId",
                table: "MatchProposals");

            migrationBuilder.DropForeignKey(
                name: "FK_MatchProposals_Cases_ReportedCaseId",
                table: "MatchProposals");

            migrationBuilder.AlterColumn<decimal>(
                name: "PaidAmount",
                table: "Victim",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "OrderedAmount",
                table: "Victim",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "Amount",
                table: "SubmittedMeasure",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2);

            migrationBuilder.AlterColumn<decimal>(
                name: "CompensationPaid",
                table: "SubmittedDetail",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "CompensationOrdered",
                table: "SubmittedDetail",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "Amount",
                table: "Measures",
                type: "numeric(20,3)",
                precision: 20,
                scale: 3,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,2)",
                oldPrecision: 20,
                oldScale: 2);

            migrationBuilder.AddColumn<string>(
                name: "CandidateTitle",
                table: "MatchProposals",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "MatchProposals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedTitle",
                table: "MatchProposals",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // Proposals stored before decisions were kept as records take the titles their cases have now.
            migrationBuilder.Sql("UPDATE \"MatchProposals\" SET \"ReportedTitle\" = COALESCE((SELECT \"Title\" FROM \"Cases\" WHERE \"Cases\".\"Id\" = \"MatchProposals\".\"ReportedCaseId\"), ''), "
                + "\"CandidateTitle\" = COALESCE((SELECT \"Title\" FROM \"Cases\" WHERE \"Cases\".\"Id\" = \"MatchProposals\".\"CandidateCaseId\"), '');");

            migrationBuilder.CreateTable(
                name: "CountedFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssetType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reporter = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Measures = table.Column<int>(type: "integer", nullable: false),
                    UsdTotal = table.Column<decimal>(type: "numeric(24,2)", precision: 24, scale: 2, nullable: true),
                    WithoutRate = table.Column<int>(type: "integer", nullable: false),
                    CaseStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseVisibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CountedFigures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CountedFigures_CaseId_Stage_AssetType_Visibility_Reporter",
                table: "CountedFigures",
                columns: new[] { "CaseId", "Stage", "AssetType", "Visibility", "Reporter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountedFigures_CaseStatus_CaseVisibility_Stage_Year",
                table: "CountedFigures",
                columns: new[] { "CaseStatus", "CaseVisibility", "Stage", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CountedFigures");

            migrationBuilder.DropColumn(
                name: "CandidateTitle",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "ReportedTitle",
                table: "MatchProposals");

            migrationBuilder.AlterColumn<decimal>(
                name: "PaidAmount",
                table: "Victim",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "OrderedAmount",
                table: "Victim",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "Amount",
                table: "SubmittedMeasure",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3);

            migrationBuilder.AlterColumn<decimal>(
                name: "CompensationPaid",
                table: "SubmittedDetail",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "CompensationOrdered",
                table: "SubmittedDetail",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "Amount",
                table: "Measures",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,3)",
                oldPrecision: 20,
                oldScale: 3);

            migrationBuilder.AddForeignKey(
                name: "FK_MatchProposals_Cases_CandidateCaseId",
                table: "MatchProposals",
                column: "CandidateCaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MatchProposals_Cases_ReportedCaseId",
                table: "MatchProposals",
                column: "ReportedCaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
