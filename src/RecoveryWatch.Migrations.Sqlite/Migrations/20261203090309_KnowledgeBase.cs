using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RecoveryWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NeedType",
                table: "SubmittedDetail",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Priority",
                table: "SubmittedDetail",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProceedingRoute",
                table: "CaseChallenge",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StateCode",
                table: "CaseChallenge",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssistanceActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssistanceNeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AreaCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceCell = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssistanceNeeds_ReferenceStates_StateCode",
                        column: x => x.StateCode,
                        principalTable: "ReferenceStates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssistanceNeeds_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssistanceNeeds_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChallengeTypes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEs = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameRu = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameAr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChallengeTypes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "GoodPractices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedOrder = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoodPractices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoodPractices_ReferenceStates_StateCode",
                        column: x => x.StateCode,
                        principalTable: "ReferenceStates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LegalFrameworkVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ValidatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ValidatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalFrameworkVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalFrameworkVersions_ReferenceStates_StateCode",
                        column: x => x.StateCode,
                        principalTable: "ReferenceStates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalFrameworkVersions_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SubmittedLegalAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LawTitle = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LawArticle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LawUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmittedLegalAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmittedLegalAnswers_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssistanceActivityStates",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceActivityStates", x => new { x.ActivityId, x.StateCode });
                    table.ForeignKey(
                        name: "FK_AssistanceActivityStates_AssistanceActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "AssistanceActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssistanceActivityStates_ReferenceStates_StateCode",
                        column: x => x.StateCode,
                        principalTable: "ReferenceStates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssistanceActivityNeeds",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceActivityNeeds", x => new { x.ActivityId, x.NeedId });
                    table.ForeignKey(
                        name: "FK_AssistanceActivityNeeds_AssistanceActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "AssistanceActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssistanceActivityNeeds_AssistanceNeeds_NeedId",
                        column: x => x.NeedId,
                        principalTable: "AssistanceNeeds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StateChallenges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ChallengeCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceCell = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateChallenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StateChallenges_ChallengeTypes_ChallengeCode",
                        column: x => x.ChallengeCode,
                        principalTable: "ChallengeTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StateChallenges_ReferenceStates_StateCode",
                        column: x => x.StateCode,
                        principalTable: "ReferenceStates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StateChallenges_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeAttachments_GoodPractices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "GoodPractices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeTag",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeTag", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeTag_GoodPractices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "GoodPractices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LegalFrameworkAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LawTitle = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LawArticle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LawUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalFrameworkAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalFrameworkAnswers_LegalFrameworkVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "LegalFrameworkVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "ChallengeTypes",
                columns: new[] { "Code", "AddedAt", "AddedBy", "Description", "IsBuiltIn", "IsRetired", "NameAr", "NameEn", "NameEs", "NameFr", "NameRu", "NameZh", "Version" },
                values: new object[,]
                {
                    { "AssetIdentificationAndTracing", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "كشف الموجودات واقتفاء أثرها", "Identifying and tracing assets", "Identificación y localización de activos", "Identification et localisation des avoirs", "Выявление и отслеживание активов", "资产的辨认和追查", 1 },
                    { "AssetManagementAndDisposal", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "إدارة الموجودات والتصرف فيها", "Asset management and disposal", "Administración y disposición de los bienes", "Gestion et disposition des avoirs", "Управление активами и распоряжение ими", "资产的管理和处置", 1 },
                    { "BeneficialOwnershipOpacity", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "انعدام الشفافية بشأن الملكية النفعية", "Beneficial ownership opacity", "Opacidad de la titularidad real", "Opacité de la propriété effective", "Непрозрачность сведений о бенефициарной собственности", "受益所有权不透明", 1 },
                    { "CostsOfProceedings", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "تكاليف الإجراءات", "Costs of proceedings", "Costos de los procedimientos", "Coût des procédures", "Расходы на разбирательство", "诉讼费用", 1 },
                    { "DeathOrAbsenceOfOffender", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "وفاة الجاني أو غيابه", "Death or absence of the offender", "Fallecimiento o ausencia del delincuente", "Décès ou absence de l'auteur de l'infraction", "Смерть или отсутствие лица, совершившего преступление", "犯罪人死亡或者缺席", 1 },
                    { "DifferingEvidentiaryRequirements", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "اختلاف متطلبات الأدلة", "Differing evidentiary requirements", "Diferencias en los requisitos probatorios", "Divergences entre les exigences en matière de preuve", "Различия в требованиях к доказательствам", "证据要求不同", 1 },
                    { "DifferingStandardsOfProof", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "اختلاف معايير الإثبات", "Differing standards of proof", "Diferencias en el grado de prueba exigido", "Divergences quant au niveau de preuve requis", "Различия в стандартах доказывания", "证明标准不同", 1 },
                    { "DualCriminality", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "ازدواجية التجريم", "Dual criminality", "Doble incriminación", "Double incrimination", "Обоюдное признание деяния преступлением", "双重犯罪", 1 },
                    { "ForeignConfiscationOrderEnforcement", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "إنفاذ أوامر المصادرة الأجنبية", "Enforcement of foreign confiscation orders", "Ejecución de órdenes de decomiso extranjeras", "Exécution des décisions de confiscation étrangères", "Исполнение иностранных постановлений о конфискации", "外国没收令的执行", 1 },
                    { "Immunities", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "الحصانات", "Immunities", "Inmunidades", "Immunités", "Иммунитеты", "豁免", 1 },
                    { "LackOfCommunicationChannels", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "عدم وجود قنوات اتصال", "Lack of communication channels", "Falta de canales de comunicación", "Absence de canaux de communication", "Отсутствие каналов связи", "缺乏沟通渠道", 1 },
                    { "LackOfNonConvictionBasedConfiscation", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "عدم وجود المصادرة دون إدانة", "Lack of non-conviction-based confiscation", "Falta de decomiso sin condena", "Absence de confiscation sans condamnation", "Отсутствие конфискации без вынесения обвинительного приговора", "缺乏不经定罪的没收", 1 },
                    { "LanguageAndTranslation", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "اللغة والترجمة", "Language and translation", "Idioma y traducción", "Langue et traduction", "Язык и перевод", "语言和翻译", 1 },
                    { "MutualLegalAssistanceDelays", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "التأخر في تقديم المساعدة القانونية المتبادلة", "Delays in mutual legal assistance", "Demoras en la asistencia judicial recíproca", "Retards dans l'entraide judiciaire", "Задержки в оказании взаимной правовой помощи", "司法协助的延误", 1 },
                    { "StatutesOfLimitation", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "فترات التقادم", "Statutes of limitation", "Plazos de prescripción", "Délais de prescription", "Сроки давности", "时效", 1 },
                    { "ThirdPartyClaims", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "مطالبات الأطراف الثالثة", "Third-party claims", "Reclamaciones de terceros", "Revendications de tiers", "Требования третьих сторон", "第三方主张", 1 },
                    { "VictimIdentification", new DateTimeOffset(new DateTime(2020, 11, 16, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, true, false, "تحديد هوية الضحايا", "Identification of victims", "Identificación de las víctimas", "Identification des victimes", "Установление потерпевших", "被害人的识别", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseChallenge_ChallengeCode",
                table: "CaseChallenge",
                column: "ChallengeCode");

            migrationBuilder.CreateIndex(
                name: "IX_CaseChallenge_StateCode",
                table: "CaseChallenge",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceActivities_StartDate",
                table: "AssistanceActivities",
                column: "StartDate");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceActivityNeeds_NeedId",
                table: "AssistanceActivityNeeds",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceActivityStates_StateCode",
                table: "AssistanceActivityStates",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceNeeds_RoundId",
                table: "AssistanceNeeds",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceNeeds_StateCode_Status",
                table: "AssistanceNeeds",
                columns: new[] { "StateCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceNeeds_Status_Type",
                table: "AssistanceNeeds",
                columns: new[] { "Status", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceNeeds_SubmissionId_SourceCell",
                table: "AssistanceNeeds",
                columns: new[] { "SubmissionId", "SourceCell" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_StateCode",
                table: "GoodPractices",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_Status_PublishedOrder",
                table: "GoodPractices",
                columns: new[] { "Status", "PublishedOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalFrameworkAnswers_VersionId_QuestionCode",
                table: "LegalFrameworkAnswers",
                columns: new[] { "VersionId", "QuestionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalFrameworkVersions_OneOpenPerState",
                table: "LegalFrameworkVersions",
                column: "StateCode",
                unique: true,
                filter: "\"Status\" IN ('Draft', 'Submitted')");

            migrationBuilder.CreateIndex(
                name: "IX_LegalFrameworkVersions_OneValidatedPerState",
                table: "LegalFrameworkVersions",
                column: "StateCode",
                unique: true,
                filter: "\"Status\" = 'Validated'");

            migrationBuilder.CreateIndex(
                name: "IX_LegalFrameworkVersions_StateCode_Number",
                table: "LegalFrameworkVersions",
                columns: new[] { "StateCode", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalFrameworkVersions_SubmissionId",
                table: "LegalFrameworkVersions",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAttachments_PracticeId",
                table: "PracticeAttachments",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeTag_Kind_Code",
                table: "PracticeTag",
                columns: new[] { "Kind", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeTag_PracticeId",
                table: "PracticeTag",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_StateChallenges_ChallengeCode",
                table: "StateChallenges",
                column: "ChallengeCode");

            migrationBuilder.CreateIndex(
                name: "IX_StateChallenges_StateCode",
                table: "StateChallenges",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_StateChallenges_SubmissionId_SourceCell",
                table: "StateChallenges",
                columns: new[] { "SubmissionId", "SourceCell" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubmittedLegalAnswers_SubmissionId",
                table: "SubmittedLegalAnswers",
                column: "SubmissionId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseChallenge_ChallengeTypes_ChallengeCode",
                table: "CaseChallenge",
                column: "ChallengeCode",
                principalTable: "ChallengeTypes",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseChallenge_ReferenceStates_StateCode",
                table: "CaseChallenge",
                column: "StateCode",
                principalTable: "ReferenceStates",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseChallenge_ChallengeTypes_ChallengeCode",
                table: "CaseChallenge");

            migrationBuilder.DropForeignKey(
                name: "FK_CaseChallenge_ReferenceStates_StateCode",
                table: "CaseChallenge");

            migrationBuilder.DropTable(
                name: "AssistanceActivityNeeds");

            migrationBuilder.DropTable(
                name: "AssistanceActivityStates");

            migrationBuilder.DropTable(
                name: "LegalFrameworkAnswers");

            migrationBuilder.DropTable(
                name: "PracticeAttachments");

            migrationBuilder.DropTable(
                name: "PracticeTag");

            migrationBuilder.DropTable(
                name: "StateChallenges");

            migrationBuilder.DropTable(
                name: "SubmittedLegalAnswers");

            migrationBuilder.DropTable(
                name: "AssistanceNeeds");

            migrationBuilder.DropTable(
                name: "AssistanceActivities");

            migrationBuilder.DropTable(
                name: "LegalFrameworkVersions");

            migrationBuilder.DropTable(
                name: "GoodPractices");

            migrationBuilder.DropTable(
                name: "ChallengeTypes");

            migrationBuilder.DropIndex(
                name: "IX_CaseChallenge_ChallengeCode",
                table: "CaseChallenge");

            migrationBuilder.DropIndex(
                name: "IX_CaseChallenge_StateCode",
                table: "CaseChallenge");

            migrationBuilder.DropColumn(
                name: "NeedType",
                table: "SubmittedDetail");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "SubmittedDetail");

            migrationBuilder.DropColumn(
                name: "ProceedingRoute",
                table: "CaseChallenge");

            migrationBuilder.DropColumn(
                name: "StateCode",
                table: "CaseChallenge");
        }
    }
}
