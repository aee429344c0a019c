using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustedFiguresAndRecords : Migration
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

            migrationBuilder.DropIndex(
                name: "IX_SilenceProcedures_MeetingId",
                table: "SilenceProcedures");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Submissions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SilenceProcedures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "RoundStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CandidateTitle",
                table: "MatchProposals",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "MatchProposals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedTitle",
                table: "MatchProposals",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // Proposals stored before decisions were kept as records take the titles their cases have now.
            migrationBuilder.Sql("UPDATE \"MatchProposals\" SET \"ReportedTitle\" = COALESCE((SELECT \"Title\" FROM \"Cases\" WHERE \"Cases\".\"Id\" = \"MatchProposals\".\"ReportedCaseId\"), ''), "
                + "\"CandidateTitle\" = COALESCE((SELECT \"Title\" FROM \"Cases\" WHERE \"Cases\".\"Id\" = \"MatchProposals\".\"CandidateCaseId\"), '');");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "MatchProposals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "CountedFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AssetType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reporter = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Measures = table.Column<int>(type: "INTEGER", nullable: false),
                    UsdTotal = table.Column<double>(type: "REAL", precision: 24, scale: 2, nullable: true),
                    WithoutRate = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseVisibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
