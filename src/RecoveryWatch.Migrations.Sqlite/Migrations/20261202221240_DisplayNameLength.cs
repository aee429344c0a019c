using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DisplayNameLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
