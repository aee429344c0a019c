using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScaleReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseDataGeneration",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDataGeneration", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseSearchAmounts",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Usd = table.Column<double>(type: "REAL", precision: 20, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchAmounts", x => new { x.Audience, x.Usd, x.CaseId });
                    table.ForeignKey(
                        name: "FK_CaseSearchAmounts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSearchRows",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    SummaryVisible = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortFirstYear = table.Column<int>(type: "INTEGER", nullable: true),
                    SortLastYear = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: true),
                    LastYear = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchRows", x => new { x.Audience, x.CaseId });
                    table.ForeignKey(
                        name: "FK_CaseSearchRows_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSearchStages",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Measures = table.Column<int>(type: "INTEGER", nullable: false),
                    UsdTotal = table.Column<double>(type: "REAL", precision: 24, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchStages", x => new { x.Audience, x.Stage, x.CaseId });
                    table.ForeignKey(
                        name: "FK_CaseSearchStages_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSearchTerms",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchTerms", x => new { x.Audience, x.Kind, x.Code, x.CaseId });
                    table.ForeignKey(
                        name: "FK_CaseSearchTerms_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSearchYears",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchYears", x => new { x.Audience, x.Year, x.CaseId });
                    table.ForeignKey(
                        name: "FK_CaseSearchYears_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseVisibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GroupVisibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    UsdCents = table.Column<long>(type: "INTEGER", nullable: false),
                    CasesWithoutRate = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsCells", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CaseDataGeneration",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchAmounts_CaseId",
                table: "CaseSearchAmounts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchRows_Audience_SortFirstYear_CaseId",
                table: "CaseSearchRows",
                columns: new[] { "Audience", "SortFirstYear", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchRows_Audience_SortLastYear_CaseId",
                table: "CaseSearchRows",
                columns: new[] { "Audience", "SortLastYear", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchRows_Audience_Title_CaseId",
                table: "CaseSearchRows",
                columns: new[] { "Audience", "Title", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchRows_CaseId",
                table: "CaseSearchRows",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchStages_Audience_Stage_FirstYear_CaseId",
                table: "CaseSearchStages",
                columns: new[] { "Audience", "Stage", "FirstYear", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchStages_CaseId_Audience",
                table: "CaseSearchStages",
                columns: new[] { "CaseId", "Audience" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchTerms_CaseId_Audience_Kind",
                table: "CaseSearchTerms",
                columns: new[] { "CaseId", "Audience", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchYears_CaseId",
                table: "CaseSearchYears",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsCells_Dimension_Audience_Role_CaseStatus_CaseVisibility_GroupVisibility_Stage_Year_GroupKey",
                table: "StatisticsCells",
                columns: new[] { "Dimension", "Audience", "Role", "CaseStatus", "CaseVisibility", "GroupVisibility", "Stage", "Year", "GroupKey" },
                unique: true);

            // Raw SQL kept beside the model (see each class): the full-text index, then the generation triggers on the tables.
            migrationBuilder.Sql(RecoveryWatch.Data.SearchIndexSql.SqliteUp);
            RecoveryWatch.Data.CaseDataGenerationSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            RecoveryWatch.Data.CaseDataGenerationSql.Down(migrationBuilder);
            migrationBuilder.Sql(RecoveryWatch.Data.SearchIndexSql.SqliteDown);

            migrationBuilder.DropTable(
                name: "CaseDataGeneration");

            migrationBuilder.DropTable(
                name: "CaseSearchAmounts");

            migrationBuilder.DropTable(
                name: "CaseSearchRows");

            migrationBuilder.DropTable(
                name: "CaseSearchStages");

            migrationBuilder.DropTable(
                name: "CaseSearchTerms");

            migrationBuilder.DropTable(
                name: "CaseSearchYears");

            migrationBuilder.DropTable(
                name: "StatisticsCells");
        }
    }
}
