using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportedExchangeRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "UsdPerUnit",
                table: "ExchangeRates",
                type: "numeric(28,20)",
                precision: 28,
                scale: 20,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(28,10)",
                oldPrecision: 28,
                oldScale: 10);

            migrationBuilder.AddForeignKey(
                name: "FK_ExchangeRates_ReferenceCurrencies_Currency",
                table: "ExchangeRates",
                column: "Currency",
                principalTable: "ReferenceCurrencies",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ExchangeRates_ReferenceCurrencies_Currency",
                table: "ExchangeRates");

            migrationBuilder.AlterColumn<decimal>(
                name: "UsdPerUnit",
                table: "ExchangeRates",
                type: "numeric(28,10)",
                precision: 28,
                scale: 10,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(28,20)",
                oldPrecision: 28,
                oldScale: 20);
        }
    }
}
