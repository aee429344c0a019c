using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DurationsFromCountedFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstDate",
                table: "CountedFigures",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Counted figures are derived data: emptied here, they are rebuilt from the cases (with their first dates) by
            // the migration step of start-up or the migrate verb, which rebuilds them whenever measures exist without them.
            migrationBuilder.Sql("DELETE FROM \"CountedFigures\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstDate",
                table: "CountedFigures");
        }
    }
}
