using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyTokensAndAuditSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
