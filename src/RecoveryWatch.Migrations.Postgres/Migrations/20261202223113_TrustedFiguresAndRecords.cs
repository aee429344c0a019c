using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RecoveryWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TrustedFiguresAndRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A display name longer than the new limit (none was set before) is cut rather than failing the migration.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisplayName\" = LEFT(\"DisplayName\", 200) WHERE length(\"DisplayName\") > 200;");

            migrationBuilder.DropForeignKey(
                name: "FK_MatchProposals_Cases_CandidateCaseId",
                table: "MatchProposals");

            migrationBuilder.DropForeignKey(
                name: "FK_MatchProposals_Cases_ReportedCaseId",
                table: "MatchProposals");

            migrationBuilder.DropIndex(
                name: "IX_SilenceProcedures_MeetingId",
                table: "SilenceProcedures");

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

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Submissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SilenceProcedures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "RoundStates",
                type: "integer",
                nullable: false,
                defaultValue: 0);

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

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "MatchProposals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

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
                name: "IX_SilenceProcedures_OneOpenPerMeeting",
                table: "SilenceProcedures",
                column: "MeetingId",
                unique: true,
                filter: "\"Status\" = 'Open'");

            // Entries written before the sequence existed were chained in the order of their ids.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"Sequence\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

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

            migrationBuilder.DropIndex(
                name: "IX_SilenceProcedures_OneOpenPerMeeting",
                table: "SilenceProcedures");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SilenceProcedures");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "RoundStates");

            migrationBuilder.DropColumn(
                name: "CandidateTitle",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "ReportedTitle",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");

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

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SilenceProcedures_MeetingId",
                table: "SilenceProcedures",
                column: "MeetingId");

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
