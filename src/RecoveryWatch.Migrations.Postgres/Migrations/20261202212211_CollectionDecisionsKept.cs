using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CollectionDecisionsKept : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CandidateTitle",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "MatchProposals");

            migrationBuilder.DropColumn(
                name: "ReportedTitle",
                table: "MatchProposals");

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
