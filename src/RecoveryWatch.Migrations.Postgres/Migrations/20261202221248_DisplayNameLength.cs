using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DisplayNameLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A name longer than the new limit (none was set before) is cut rather than failing the migration.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisplayName\" = LEFT(\"DisplayName\", 200) WHERE length(\"DisplayName\") > 200;");

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);
        }
    }
}
