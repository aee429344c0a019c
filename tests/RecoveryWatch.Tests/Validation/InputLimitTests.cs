using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Collection;
using RecoveryWatch.Identity;
using RecoveryWatch.Meetings;
using RecoveryWatch.Tests.Collection;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Validation;

/// <summary>How an input path reaches a stored property: the channel and the field in it.</summary>
/// <param name="Property">"Entity.Property" of the EF model.</param>
/// <param name="Channel">api-case, form-case, workbook, online, api-round, api-clarification, api-circulate, api-break, api-challenge,
/// api-participant, api-amendment, upload-document, form-user, api-need, api-activity, api-framework.</param>
/// <param name="Field">The JSON path, form field or "Sheet!column key" the value is typed in.</param>
public sealed record InputPath(string Property, string Channel, string Field)
{
    public override string ToString() => $"{Channel} {Field} → {Property}";
}

/// <summary>
/// The table of every way input reaches the model, checked against the model itself: a string or decimal property that is
/// neither reached by an input path below nor declared not to be fails the first test, so a new column cannot escape.
/// </summary>
public static class InputPaths
{
    public static readonly IReadOnlyList<InputPath> All =
    [
        .. Case("Case.Title", "title", "Input.Title"),
        .. Case("Case.Summary", "summary", "Input.Summary"),
        .. Case("CaseState.StateCode", "states[0].state", "Input.States[0].State"),
        .. Case("CaseOffence.OffenceCode", "offences[0]", null),
        .. Case("Proceeding.RouteCode", "proceedings[0].route", "Input.Proceedings[0].Route"),
        .. Case("Proceeding.StateCode", "proceedings[0].state", "Input.Proceedings[0].State"),
        .. Case("Proceeding.Description", "proceedings[0].description", "Input.Proceedings[0].Description"),
        .. Case("AssetMeasure.Amount", "measures[0].amount", "Input.Measures[0].Amount"),
        .. Case("AssetMeasure.Currency", "measures[0].currency", "Input.Measures[0].Currency"),
        .. Case("AssetMeasure.StateCode", "measures[0].state", "Input.Measures[0].State"),
        .. Case("AssetMeasure.Note", "measures[0].note", "Input.Measures[0].Note"),
        .. Case("AssetMeasure.ExcessReason", "measures[0].excessReason", "Input.Measures[0].ExcessReason"),
        .. Case("Victim.Description", "victims[0].description", "Input.Victims[0].Description"),
        .. Case("Victim.OrderedAmount", "victims[0].compensationOrdered", "Input.Victims[0].CompensationOrdered"),
        .. Case("Victim.PaidAmount", "victims[0].compensationPaid", "Input.Victims[0].CompensationPaid"),
        .. Case("Victim.OrderedCurrency", "victims[0].currency", "Input.Victims[0].Currency"),
        .. Case("Victim.PaidCurrency", "victims[0].currency", null),
        .. Case("ThirdPartyClaim.Description", "thirdParties[0].description", "Input.ThirdParties[0].Description"),
        .. Case("ThirdPartyClaim.Outcome", "thirdParties[0].outcome", "Input.ThirdParties[0].Outcome"),
        .. Case("CaseChallenge.ChallengeCode", "challenges[0].code", null),
        .. Case("CaseChallenge.Note", "challenges[0].note", "Input.Challenges[0].Note"),
        .. Case("CaseChallenge.StateCode", "challenges[0].state", "Input.Challenges[0].State"),
        .. Case("CaseChallenge.ProceedingRoute", "challenges[0].proceedingRoute", "Input.Challenges[0].ProceedingRoute"),
        .. Case("CaseSource.Title", "sources[0].title", "Input.Sources[0].Title"),
        .. Case("CaseSource.Url", "sources[0].url", "Input.Sources[0].Url"),
        .. Case("CaseSource.StateCode", "sources[0].state", "Input.Sources[0].State"),
        .. Answer("SubmittedCase.Reference", "Cases!reference", "Cases[0].reference"),
        .. Answer("SubmittedCase.Title", "Cases!title", "Cases[0].title"),
        .. Answer("SubmittedCase.CounterpartState", "Cases!counterpart_state", "Cases[0].counterpart_state"),
        .. Answer("SubmittedCase.Offences", "Cases!offences", "Cases[0].offences"),
        .. Answer("SubmittedCase.Routes", "Cases!legal_routes", "Cases[0].legal_routes"),
        .. Answer("SubmittedCase.Summary", "Cases!summary", "Cases[0].summary"),
        .. Answer("SubmittedMeasure.CaseReference", "Measures!case_reference", "Measures[0].case_reference"),
        .. Answer("SubmittedMeasure.Amount", "Measures!amount", "Measures[0].amount"),
        .. Answer("SubmittedMeasure.Currency", "Measures!currency", "Measures[0].currency"),
        .. Answer("SubmittedMeasure.Note", "Measures!note", "Measures[0].note"),
        .. Answer("SubmittedMeasure.ExcessReason", "Measures!excess_reason", "Measures[0].excess_reason"),
        new("SubmittedDetail.CaseReference", "workbook", "Victims!case_reference"),
        new("SubmittedDetail.Code", "workbook", "Challenges!challenge"),
        new("SubmittedDetail.Text", "workbook", "Victims!description"),
        new("SubmittedDetail.Text", "workbook", "GoodPractices!description"),
        new("SubmittedDetail.Outcome", "workbook", "ThirdParties!outcome"),
        new("SubmittedDetail.CompensationOrdered", "workbook", "Victims!compensation_ordered"),
        new("SubmittedDetail.CompensationPaid", "workbook", "Victims!compensation_paid"),
        new("SubmittedDetail.Currency", "workbook", "Victims!currency"),
        new("SubmittedDetail.CaseReference", "online", "Victims[0].case_reference"),
        new("SubmittedDetail.Text", "online", "Victims[0].description"),
        new("SubmittedDetail.Text", "online", "GoodPractices[0].description"),
        new("SubmittedDetail.Outcome", "online", "ThirdParties[0].outcome"),
        new("SubmittedDetail.CompensationOrdered", "online", "Victims[0].compensation_ordered"),
        new("SubmissionDraft.Content", "online-draft", "Cases[0].title"),
        new("Submission.FileName", "workbook", "file"),
        new("InformationRound.Code", "api-round", "code"),
        new("InformationRound.Mandate", "api-round", "mandate"),
        new("RoundState.StateCode", "api-round", "states[0]"),
        new("SubmissionComment.Sheet", "api-clarification", "comments[0].sheet"),
        new("SubmissionComment.Text", "api-clarification", "comments[0].text"),
        new("SilenceProcedure.DraftSymbol", "api-circulate", "draftSymbol"),
        new("SilenceBreak.Text", "api-break", "text"),
        new("AgendaAmendment.Text", "api-amendment", "text"),
        new("Participant.StateCode", "api-participant", "state"),
        new("Participant.Name", "api-participant", "name"),
        new("Participant.Email", "api-participant", "email"),
        new("DocumentVersion.FileName", "upload-document", "file"),
        new("ExchangeRate.Currency", "api-rates", "line 2: currency"),
        new("ExchangeRate.Source", "api-rates", "line 2: source"),
        new("LegalFrameworkVersion.Source", "api-framework", "source"),
        new("LegalFrameworkAnswer.QuestionCode", "api-framework", "answers[0].question"),
        new("LegalFrameworkAnswer.Answer", "api-framework", "answers[0].answer"),
        new("LegalFrameworkAnswer.Note", "api-framework", "answers[0].note"),
        new("LegalFrameworkAnswer.LawTitle", "api-framework", "answers[0].lawTitle"),
        new("LegalFrameworkAnswer.LawArticle", "api-framework", "answers[0].lawArticle"),
        new("LegalFrameworkAnswer.LawUrl", "api-framework", "answers[0].lawUrl"),
        new("AppUser.Email", "form-user", "Input.Email"),
        new("ChallengeType.Code", "api-challenge", "code"),
        new("ChallengeType.NameAr", "api-challenge", "names.ar"),
        new("ChallengeType.NameZh", "api-challenge", "names.zh"),
        new("ChallengeType.NameEn", "api-challenge", "names.en"),
        new("ChallengeType.NameFr", "api-challenge", "names.fr"),
        new("ChallengeType.NameRu", "api-challenge", "names.ru"),
        new("ChallengeType.NameEs", "api-challenge", "names.es"),
        new("ChallengeType.Description", "api-challenge", "description"),
        new("AppUser.DisplayName", "form-user", "Input.DisplayName"),
        new("SubmittedDetail.Code", "workbook", "AssistanceNeeds!area"),
        new("SubmittedDetail.Text", "workbook", "AssistanceNeeds!description"),
        new("AssistanceNeed.StateCode", "api-need", "state"),
        new("AssistanceNeed.AreaCode", "api-need", "area"),
        new("AssistanceNeed.Description", "api-need", "description"),
        new("AssistanceActivity.Title", "api-activity", "title"),
        new("AssistanceActivity.Provider", "api-activity", "provider"),
        new("AssistanceActivity.Description", "api-activity", "description"),
        new("AssistanceActivityState.StateCode", "api-activity", "states[0]"),
        new("GoodPractice.Title", "api-practice", "title"),
        new("GoodPractice.Summary", "api-practice", "summary"),
        new("GoodPractice.Body", "api-practice", "body"),
        new("GoodPractice.StateCode", "api-practice", "state"),
        new("GoodPractice.Language", "api-practice", "language"),
        new("PracticeTag.Code", "api-practice", "challenges[0]"),
        new("PracticeAttachment.FileName", "upload-practice", "file"),
    ];

    /// <summary>Stored strings and decimals that no input path writes as typed, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotFromInput = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Case.TitleSearch"] = "lower-cased copy of the title",
        ["Case.SummarySearch"] = "lower-cased copy of the summary",
        ["AssetMeasure.ReportingState"] = "provenance, set from the submission's State",
        ["AssetMeasure.SourceCell"] = "provenance, set from the questionnaire's column and the row number",
        ["AssetMeasure.UsdAmount"] = "derived from a stored exchange rate",
        ["CountedFigure.Reporter"] = "derived by the counting rule",
        ["CountedFigure.UsdTotal"] = "derived by the counting rule",
        ["ExchangeRate.UsdPerUnit"] = "derived: the inverse of the file's units_per_usd, which has its own range and decimals",
        ["AuditEntry.Action"] = "set by the handler",
        ["AuditEntry.Actor"] = "the signed-in user's name",
        ["AuditEntry.EntityId"] = "a stored id",
        ["AuditEntry.EntityType"] = "set by the handler",
        ["AuditEntry.Hash"] = "computed",
        ["AuditEntry.PreviousHash"] = "computed",
        ["AuditEntry.NewValues"] = "a snapshot of values already checked",
        ["AuditEntry.OldValues"] = "a snapshot of stored values",
        ["InformationRound.Languages"] = "the six languages, set by the system",
        ["CaseSearchRow.Title"] = "a copy of the case's title, which has the same limit",
        ["CaseSearchTerm.Code"] = "a stored code (State, route, offence, challenge) or one built from stored codes and enum names",
        ["CaseSearchAmount.Usd"] = "a copy of a measure's derived US-dollar amount",
        ["CaseSearchStage.UsdTotal"] = "a copy of the counted figures' derived total",
        ["StatisticsCell.GroupKey"] = "a stored code (State, region, route, offence), a year or an enum name",
        ["StatisticsCell.Role"] = "an enum name, set by the system",
        ["RoundReminder.StateCode"] = "a State asked in the round, checked against the round's States",
        ["RoundReminder.SentBy"] = "the signed-in user's name",
        ["RoundReminder.Recipients"] = "the State's focal points' addresses, fitted to the column by whole addresses",
        ["RoundReminder.Language"] = "the State's language of correspondence, from the reference data",
        ["RoundReminder.Subject"] = "written from resources around a stored round title, fitted to the column",
        ["RoundReminder.Body"] = "written from resources around stored round fields, fitted to the column",
        ["MatchProposal.CandidateTitle"] = "copied from a stored case",
        ["MatchProposal.ReportedTitle"] = "copied from a stored case",
        ["MatchProposal.Reasons"] = "computed by the scoring",
        ["MatchProposal.DecidedBy"] = "the signed-in user's name",
        ["Submission.Sha256"] = "computed from the file",
        ["Submission.StateCode"] = "a State asked in the round (checked against the round's States)",
        ["Submission.SubmittedBy"] = "the signed-in user's name",
        ["Submission.ValidatedBy"] = "the signed-in user's name",
        ["SubmissionComment.By"] = "the signed-in user's name",
        ["SubmissionDraft.SavedBy"] = "the signed-in user's name",
        ["SubmissionDraft.StateCode"] = "a State asked in the round",
        ["SubmittedDetail.Sheet"] = "the questionnaire's sheet name",
        ["LegalFrameworkVersion.StateCode"] = "the State in the address, checked against the reference States",
        ["LegalFrameworkVersion.CreatedBy"] = "the signed-in user's name",
        ["LegalFrameworkVersion.UpdatedBy"] = "the signed-in user's name",
        ["LegalFrameworkVersion.SubmittedBy"] = "the signed-in user's name",
        ["LegalFrameworkVersion.ValidatedBy"] = "the signed-in user's name",
        ["SubmittedLegalAnswer.QuestionCode"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers (LegalFrameworkTests)",
        ["SubmittedLegalAnswer.Answer"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers",
        ["SubmittedLegalAnswer.Note"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers",
        ["SubmittedLegalAnswer.LawTitle"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers",
        ["SubmittedLegalAnswer.LawArticle"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers",
        ["SubmittedLegalAnswer.LawUrl"] = "sheet LegalFramework, checked by LegalFrameworkRules.Answer like api-framework's answers",
        ["CurrencyRecord.Code"] = "reference data file",
        ["CurrencyRecord.NameEn"] = "reference data file",
        ["StateRecord.Code"] = "reference data file",
        ["StateRecord.NameEn"] = "reference data file",
        ["AppUser.Id"] = "generated",
        ["AppUser.ConcurrencyStamp"] = "generated by Identity",
        ["AppUser.SecurityStamp"] = "generated by Identity",
        ["AppUser.PasswordHash"] = "computed by Identity",
        ["AppUser.NormalizedEmail"] = "derived from the e-mail",
        ["AppUser.NormalizedUserName"] = "derived from the e-mail",
        ["AppUser.UserName"] = "the e-mail",
        ["AppUser.PhoneNumber"] = "not offered by any form",
        ["AgendaAmendment.RecordedBy"] = "the signed-in user's name",
        ["AgendaItem.Documents"] = "loaded from the meeting seed",
        ["AgendaItem.Letter"] = "loaded from the meeting seed",
        ["Body.SymbolStem"] = "loaded from the meeting seed",
        ["DocumentItemLink.ItemLabel"] = "loaded from the meeting seed",
        ["JointSitting.Footnote"] = "loaded from the meeting seed",
        ["JointSitting.Items"] = "loaded from the meeting seed",
        ["JointSitting.Partners"] = "loaded from the meeting seed",
        ["Meeting.AgendaSymbol"] = "loaded from the meeting seed",
        ["Meeting.InterpretationLanguages"] = "loaded from the meeting seed",
        ["Meeting.Mandates"] = "loaded from the meeting seed",
        ["Meeting.TimeZone"] = "loaded from the meeting seed",
        ["MeetingDocument.OriginalLanguage"] = "loaded from the meeting seed",
        ["MeetingDocument.Symbol"] = "loaded from the meeting seed",
        ["WorkSlot.ContinuedItems"] = "loaded from the meeting seed",
        ["WorkSlot.Footnotes"] = "loaded from the meeting seed",
        ["WorkSlot.Items"] = "loaded from the meeting seed",
        ["WorkSlot.Uid"] = "loaded from the meeting seed",
        ["DocumentVersion.Language"] = "one of the six language codes (route, checked)",
        ["DocumentVersion.Sha256"] = "computed from the file",
        ["DocumentVersion.ContentType"] = "the upload's type; one longer than the column is stored as application/octet-stream",
        ["Participant.RegisteredBy"] = "the signed-in user's name",
        ["SilenceBreak.By"] = "the signed-in user's name",
        ["SilenceBreak.StateCode"] = "the delegate's State (claim)",
        ["SilenceProcedure.CirculatedBy"] = "the signed-in user's name",
        ["ChallengeType.AddedBy"] = "the signed-in user's name",
        ["StateChallenge.StateCode"] = "the validated submission's State",
        ["StateChallenge.ChallengeCode"] = "copied from a validated answer's row (Challenges!challenge, checked on import)",
        ["StateChallenge.Note"] = "copied from a validated answer's row (Challenges!note, checked on import)",
        ["StateChallenge.SourceCell"] = "provenance, set from the questionnaire's column and the row number",
        ["AssistanceNeed.CreatedBy"] = "the signed-in user's name",
        ["AssistanceNeed.SourceCell"] = "provenance, set from the questionnaire's sheet and the row number",
        ["AssistanceActivity.CreatedBy"] = "the signed-in user's name",
        ["GoodPractice.SearchText"] = "lower-cased copy of the title, summary and body",
        ["GoodPractice.CreatedBy"] = "the signed-in user's name",
        ["GoodPractice.UpdatedBy"] = "the signed-in user's name",
        ["GoodPractice.SubmittedBy"] = "the signed-in user's name",
        ["GoodPractice.PublishedBy"] = "the signed-in user's name",
        ["GoodPractice.WithdrawnBy"] = "the signed-in user's name",
        ["PracticeAttachment.ContentType"] = "set from the allow-list by the file's extension, never the upload's own type",
        ["PracticeAttachment.Sha256"] = "computed from the file",
        ["PracticeAttachment.UploadedBy"] = "the signed-in user's name",
    };

    /// <summary>Unbounded text columns an input reaches, and why they need no length.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unbounded = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SubmissionDraft.Content"] = "the online form as JSON; its fields are checked when the answer is submitted, and the request size is capped",
    };

    private static IEnumerable<InputPath> Case(string property, string json, string? form) =>
        form is null ? [new(property, "api-case", json)] : [new(property, "api-case", json), new(property, "form-case", form)];

    private static IEnumerable<InputPath> Answer(string property, string cell, string form) => [new(property, "workbook", cell), new(property, "online", form)];
}

/// <summary>A round with a submitted answer to ask about, an open silence procedure, users of each kind.</summary>
public class InputWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string Password = "Input-limits-password-2026";
    public const string FocalEmail = "focal.nga.limits@recoverywatch.test";
    public const string DelegateEmail = "delegate.fra.limits@recoverywatch.test";

    public int Round { get; private set; }
    public int Submission { get; private set; }
    public int Procedure { get; private set; }
    public int Practice { get; private set; }
    public byte[] Template { get; private set; } = [];

    protected override async Task SeedAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<ManageUsers>();
            await users.CreateAsync(new SaveUserRequest { Email = FocalEmail, Role = Roles.FocalPoint, States = ["NGA"] }, Password, "test");
            await users.CreateAsync(new SaveUserRequest { Email = DelegateEmail, Role = Roles.Delegate, States = ["FRA"] }, Password, "test");
        }

        using var admin = await SecretariatClientAsync();
        var round = await admin.PostAsJsonAsync("/api/v1/rounds", new { code = "LIMITS", title = "Limits", periodFrom = "2010-01-01", periodTo = "2020-12-31", deadline = "2030-01-01T00:00:00Z", states = new[] { "NGA", "KEN" } });
        Round = (await round.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Template = await admin.GetByteArrayAsync($"/api/v1/rounds/{Round}/template.xlsx?state=NGA");
        var answer = await admin.PostAsync($"/api/v1/rounds/{Round}/submissions/KEN", new MultipartFormDataContent
        {
            { new ByteArrayContent(WorkbookFiller.Fill(await admin.GetByteArrayAsync($"/api/v1/rounds/{Round}/template.xlsx?state=KEN"), [[null, "K-1", "Kenyan case", "GBR", "Requesting", "Art17", "", ""]], [])), "file", "ken.xlsx" },
        });
        Submission = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var circulated = await admin.PostAsJsonAsync("/api/v1/meetings/1/silence", new { draftSymbol = "CAC/COSP/WG.2/2020/L.1", deadline = DateTimeOffset.UtcNow.AddDays(30) });
        Procedure = (await circulated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var practice = await admin.PostAsJsonAsync("/api/v1/good-practices", new { title = "Limits practice", summary = "Summary", body = "Body", language = "en" });
        Practice = (await practice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}

public sealed class SqliteInputWorld() : InputWorld(DatabaseKind.Sqlite);

public sealed class PostgresInputWorld() : InputWorld(DatabaseKind.Postgres);

/// <summary>
/// Generated from the model: every string and decimal property an input path reaches gets, through every such path, a
/// value too long for its column, a value with a NUL character, and (decimals) a value with more decimals than the column
/// or currency keeps. Each must be refused with 400 naming the field (the cell, for workbooks), with nothing stored.
/// </summary>
public abstract partial class InputLimitTests(InputWorld world)
{
    public enum Bad
    {
        TooLong,
        Nul,
        TooPrecise,
    }

    public static TheoryData<string, string, string, Bad> Probes()
    {
        var data = new TheoryData<string, string, string, Bad>();
        var model = ModelLimits.Value;
        foreach (var path in InputPaths.All)
        {
            var (isDecimal, max) = model[path.Property];
            if (isDecimal)
            {
                data.Add(path.Property, path.Channel, path.Field, Bad.TooPrecise);
                continue;
            }

            if (max is not null && !(path.Channel == "online-draft"))
            {
                data.Add(path.Property, path.Channel, path.Field, Bad.TooLong);
            }

            // A file name travels in a header, where no NUL can; xlsx is XML, where none can either (a test of its own below).
            if (path.Channel is not ("upload-document" or "upload-practice" or "workbook"))
            {
                data.Add(path.Property, path.Channel, path.Field, Bad.Nul);
            }
        }

        return data;
    }

    /// <summary>(is decimal, max length) of every string and decimal property of the application's entity types.</summary>
    private static readonly Lazy<Dictionary<string, (bool IsDecimal, int? MaxLength)>> ModelLimits = new(() =>
    {
        var options = new DbContextOptionsBuilder<RecoveryWatch.Data.RecoveryWatchDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new RecoveryWatch.Data.RecoveryWatchDbContext(options);
        return StoredProperties(db.Model).ToDictionary(p => p.Name, p => (p.IsDecimal, p.MaxLength));
    });

    private static IEnumerable<(string Name, bool IsDecimal, int? MaxLength)> StoredProperties(IModel model) =>
        model.GetEntityTypes()
            .Where(t => t.ClrType.Namespace?.StartsWith("RecoveryWatch", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(decimal) || p.ClrType == typeof(decimal?))
                .Select(p => ($"{t.ClrType.Name}.{p.Name}", p.ClrType != typeof(string), p.GetMaxLength())));

    [Fact]
    public void Every_stored_string_and_decimal_is_reached_by_an_input_path_or_declared_not_to_be()
    {
        var reached = InputPaths.All.Select(p => p.Property).ToHashSet(StringComparer.Ordinal);
        var unclassified = ModelLimits.Value.Keys.Where(p => !reached.Contains(p) && !InputPaths.NotFromInput.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unclassified.Count == 0, "Declare how input reaches these, or why it does not: " + string.Join(", ", unclassified));
        var stale = reached.Concat(InputPaths.NotFromInput.Keys).Where(p => !ModelLimits.Value.ContainsKey(p)).ToList();
        Assert.True(stale.Count == 0, "Not in the model any more: " + string.Join(", ", stale));
        Assert.Empty(reached.Intersect(InputPaths.NotFromInput.Keys));
    }

    [Fact]
    public void Every_text_an_input_reaches_has_a_stored_length()
    {
        var unbounded = InputPaths.All.Select(p => p.Property).Distinct()
            .Where(p => ModelLimits.Value[p] is (false, null) && !InputPaths.Unbounded.ContainsKey(p)).ToList();
        Assert.True(unbounded.Count == 0, "Give these a length in the model: " + string.Join(", ", unbounded));
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Bad_value_is_refused_naming_the_field_and_nothing_is_stored(string property, string channel, string field, Bad bad)
    {
        var value = bad switch
        {
            Bad.TooLong => new string('x', ModelLimits.Value[property].MaxLength!.Value + 1),
            Bad.Nul => "before\0after",
            _ => "12.3456",
        };
        var before = await AuditCountAsync();
        var (status, body) = await SendAsync(channel, field, value);
        Assert.True(status == HttpStatusCode.BadRequest || (status == HttpStatusCode.OK && channel is "form-case" or "online" or "online-draft" or "form-user"),
            $"{channel} {field} ({bad}): {(int)status} {Shorten(body)}");
        Assert.True(Names(channel, field, body), $"{channel} {field} ({bad}) does not name the field: {Shorten(body)}");
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData("states")]
    [InlineData("offences")]
    [InlineData("proceedings")]
    [InlineData("measures")]
    [InlineData("victims")]
    [InlineData("thirdParties")]
    [InlineData("challenges")]
    [InlineData("sources")]
    public async Task A_null_inside_a_case_list_is_refused_naming_the_entry(string list)
    {
        var body = CaseJson();
        ((JsonArray)body[list]!).Insert(0, null);
        using var client = await world.SecretariatClientAsync();
        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/cases", body.ToJsonString(), $"{list}[0]");
    }

    [Fact]
    public async Task A_null_inside_the_States_of_a_round_or_the_questions_of_a_clarification_is_refused_naming_the_entry()
    {
        using var admin = await world.SecretariatClientAsync();
        var round = RoundJson();
        ((JsonArray)round["states"]!).Insert(0, null);
        await AssertRefusedAsync(admin, HttpMethod.Post, "/api/v1/rounds", round.ToJsonString(), "states[0]");
        await AssertRefusedAsync(admin, HttpMethod.Post, $"/api/v1/submissions/{world.Submission}/clarification", "{\"comments\":[null]}", "comments[0]");
    }

    [Theory]
    [InlineData("measures[0].stage", "\"Frozen, Seized\"")]
    [InlineData("measures[0].stage", "3")]
    [InlineData("measures[0].assetType", "\"Gold\"")]
    [InlineData("visibility", "\"Public,Secretariat\"")]
    [InlineData("states[0].role", "7")]
    [InlineData("status", "\"Draft,Published\"")]
    public async Task A_code_is_a_defined_name_only(string field, string json)
    {
        var body = CaseJson();
        Set(body, field, JsonNode.Parse(json));
        using var client = await world.SecretariatClientAsync();
        var problem = await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/cases", body.ToJsonString(), field);
        Assert.Contains("not a known code", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_in_a_form_or_a_workbook_is_a_defined_name_only()
    {
        using var form = FormClient.Create(world);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var fields = CaseForm();
        fields["Input.Measures[0].Stage"] = "Frozen, Seized";
        var before = await AuditCountAsync();
        var page = await form.PostFormAsync("/cases/edit", fields);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(Names("form-case", "Input.Measures[0].Stage", await page.Content.ReadAsStringAsync()));

        using var focal = await world.BearerClientAsync(InputWorld.FocalEmail, InputWorld.Password);
        var (cases, measures) = WorkbookRows();
        measures[0][1] = "Frozen, Seized";
        var upload = await focal.PostAsync($"/api/v1/rounds/{world.Round}/submissions/NGA", Workbook(cases, measures, "answer.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("\"Measures!B3\"", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_workbook_cannot_carry_a_control_character_into_the_database()
    {
        // XML 1.0 has no NUL: a workbook can only write one as Excel's escape _x0000_. Whatever the reader makes of it, no
        // control character is stored; if it decodes the escape, the cell is refused like any other.
        using var focal = await world.BearerClientAsync(InputWorld.FocalEmail, InputWorld.Password);
        var (cases, measures) = WorkbookRows();
        cases[0][2] = "before_x0000_after";
        var upload = await focal.PostAsync($"/api/v1/rounds/{world.Round}/submissions/NGA?replace=true", Workbook(cases, measures, "escaped.xlsx"));
        var body = await upload.Content.ReadAsStringAsync();
        if (upload.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Contains("\"Cases!C3\"", body, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await world.WithDbAsync(async db => Assert.DoesNotContain(await db.Set<SubmittedCase>().Select(c => c.Title).ToListAsync(), t => t.Contains('\0', StringComparison.Ordinal)));
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string channel, string field, string value)
    {
        switch (channel)
        {
            case "api-case":
            {
                var body = CaseJson();
                Set(body, field, field.EndsWith("amount", StringComparison.OrdinalIgnoreCase) || field.Contains("compensation", StringComparison.Ordinal)
                    ? JsonValue.Create(decimal.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value));
                using var client = await world.SecretariatClientAsync();
                return await SendJsonAsync(client, HttpMethod.Post, "/api/v1/cases", body.ToJsonString());
            }

            case "form-case":
            {
                using var form = FormClient.Create(world);
                await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
                var fields = CaseForm();
                fields[field] = value;
                var response = await form.PostFormAsync("/cases/edit", fields);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "workbook":
            {
                using var focal = await world.BearerClientAsync(InputWorld.FocalEmail, InputWorld.Password);
                var (cases, measures) = WorkbookRows();
                var details = DetailRows();
                var name = "answer.xlsx";
                if (field == "file")
                {
                    name = new string('x', value.Length - 4) + ".xlsx";
                }
                else
                {
                    var (sheet, key) = (field.Split('!')[0], field.Split('!')[1]);
                    var rows = sheet switch { "Cases" => cases, "Measures" => measures, _ => details[sheet] };
                    rows[0][Column(sheet, key)] = value;
                }

                var response = await focal.PostAsync($"/api/v1/rounds/{world.Round}/submissions/NGA", Workbook(cases, measures, name, details));
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "online":
            case "online-draft":
            {
                using var form = FormClient.Create(world);
                await form.SignInAsync(InputWorld.FocalEmail, InputWorld.Password);
                var fields = OnlineForm();
                fields[field] = value;
                var handler = channel == "online" ? "Submit" : "Save";
                var response = await form.PostFormAsync($"/rounds/{world.Round}/answer?state=NGA&handler={handler}", fields);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "form-user":
            {
                using var form = FormClient.Create(world);
                await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
                var fields = new Dictionary<string, string> { ["Input.Email"] = "new.user@recoverywatch.test", ["Input.DisplayName"] = "New user", ["Input.Role"] = Roles.SecretariatAnalyst };
                fields[field] = field == "Input.Email" && value.Length > 20 ? new string('x', value.Length - 12) + "@example.org" : value;
                var response = await form.PostFormAsync("/admin/users", fields);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "api-rates":
            {
                // A quoted value, so the probe's text reaches the rules as typed.
                var values = new Dictionary<string, string> { ["line 2: currency"] = "EUR", ["line 2: source"] = "Bank" };
                values[field] = value;
                using var admin = await world.SecretariatClientAsync();
                var csv = $"date,currency,units_per_usd,source\n2020-01-01,\"{values["line 2: currency"]}\",0.9,\"{values["line 2: source"]}\"\n";
                var response = await admin.PostAsync("/api/v1/exchange-rates", new StringContent(csv, Encoding.UTF8, "text/csv"));
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "api-framework":
            {
                var body = JsonNode.Parse("""
                    { "asOf": "2020-06-30", "source": "Ministry of Justice", "version": 0,
                      "answers": [{ "question": "NcbConfiscation", "answer": "Available", "note": "A note", "lawTitle": "An act", "lawArticle": "s. 1", "lawUrl": "https://example.org/act" }] }
                    """)!.AsObject();
                Set(body, field, JsonValue.Create(value));
                using var admin = await world.SecretariatClientAsync();
                return await SendJsonAsync(admin, HttpMethod.Put, "/api/v1/legal-frameworks/NZL/draft", body.ToJsonString());
            }

            case "upload-practice":
            {
                using var admin = await world.SecretariatClientAsync();
                var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", new string('x', value.Length - 4) + ".pdf" } };
                var response = await admin.PostAsync($"/api/v1/good-practices/{world.Practice}/attachments", content);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            case "upload-document":
            {
                using var admin = await world.SecretariatClientAsync();
                var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", new string('x', value.Length - 4) + ".pdf" } };
                var response = await admin.PostAsync("/api/v1/documents/" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/3") + "/fr", content);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            default:
            {
                var (client, url, body) = channel switch
                {
                    "api-round" => (await world.SecretariatClientAsync(), "/api/v1/rounds", RoundJson()),
                    "api-clarification" => (await world.SecretariatClientAsync(), $"/api/v1/submissions/{world.Submission}/clarification",
                        JsonNode.Parse("{\"comments\":[{\"sheet\":\"Cases\",\"row\":3,\"text\":\"Which court?\"}]}")!.AsObject()),
                    "api-circulate" => (await world.SecretariatClientAsync(), "/api/v1/meetings/1/silence",
                        new JsonObject { ["draftSymbol"] = "CAC/COSP/WG.2/2020/L.2", ["deadline"] = DateTimeOffset.UtcNow.AddDays(10).ToString("O", CultureInfo.InvariantCulture) }),
                    "api-break" => (await world.BearerClientAsync(InputWorld.DelegateEmail, InputWorld.Password), $"/api/v1/silence/{world.Procedure}/breaks",
                        new JsonObject { ["kind"] = "Objection", ["text"] = "We object." }),
                    "api-amendment" => (await world.SecretariatClientAsync(), "/api/v1/meetings/1/agenda/amendments", new JsonObject { ["text"] = "Item 3 moved." }),
                    "api-challenge" => (await world.SecretariatClientAsync(), "/api/v1/challenges", JsonNode.Parse("""
                        { "code": "LimitsProbe", "description": "A probe", "names": { "ar": "مسبار", "zh": "探针", "en": "Probe", "fr": "Sonde", "ru": "Зонд", "es": "Sonda" } }
                        """)!.AsObject()),
                    "api-practice" => (await world.SecretariatClientAsync(), "/api/v1/good-practices",
                        new JsonObject { ["title"] = "A practice", ["summary"] = "Its summary", ["body"] = "Its body", ["state"] = "NGA", ["language"] = "en", ["challenges"] = new JsonArray("DualCriminality") }),
                    "api-participant" => (await world.SecretariatClientAsync(), "/api/v1/meetings/1/participants",
                        new JsonObject { ["state"] = "NGA", ["name"] = "A delegate", ["email"] = "delegate@example.org", ["mode"] = "Online" }),
                    "api-need" => (await world.SecretariatClientAsync(), "/api/v1/technical-assistance/needs",
                        new JsonObject { ["state"] = "NGA", ["area"] = "AssetTracing", ["type"] = "Training", ["priority"] = "High", ["description"] = "A need" }),
                    "api-activity" => (await world.SecretariatClientAsync(), "/api/v1/technical-assistance/activities",
                        new JsonObject { ["title"] = "A workshop", ["provider"] = "UNODC", ["startDate"] = "2024-01-01", ["endDate"] = "2024-01-02", ["description"] = "Two days", ["states"] = new JsonArray("NGA") }),
                    _ => throw new ArgumentException("Unknown channel " + channel, nameof(channel)),
                };
                using (client)
                {
                    Set(body, field, JsonValue.Create(field == "email" && value.Length > 20 ? new string('x', value.Length - 12) + "@example.org" : value));
                    return await SendJsonAsync(client, HttpMethod.Post, url, body.ToJsonString());
                }
            }
        }
    }

    /// <summary>Whether the answer names the field: a problem's error key, the workbook's cell, or the form's error beside the
    /// field (or the summary's link to it).</summary>
    private static bool Names(string channel, string field, string body)
    {
        // A NUL in a URL-encoded form: the framework cannot read the form, so the error page names the field.
        if (body.Contains($"<code class=\"field-name\">{field}</code>", StringComparison.Ordinal))
        {
            return channel is "form-case" or "form-user" or "online" or "online-draft";
        }

        switch (channel)
        {
            case "workbook" when field == "file":
                return body.Contains("\"workbook\"", StringComparison.Ordinal);
            case "workbook":
            case "online":
            {
                var (sheet, key) = channel == "workbook"
                    ? (field.Split('!')[0], field.Split('!')[1])
                    : (field[..field.IndexOf('[', StringComparison.Ordinal)], field[(field.LastIndexOf('.') + 1)..]);
                var cell = $"{sheet}!{Questionnaire.Column(Column(sheet, key))}3";
                // Online, the workbook's cell is the form's field: the error is beside it (its id) and the summary links to it.
                return channel == "workbook" ? body.Contains($"\"{cell}\"", StringComparison.Ordinal)
                    : body.Contains($"id=\"{sheet}-0-{key}-error\"", StringComparison.Ordinal) && body.Contains($"href=\"#{sheet}-0-{key}\"", StringComparison.Ordinal);
            }

            case "online-draft":
                return body.Contains("href=\"#Cases-0-title\"", StringComparison.Ordinal);
            case "form-case":
            case "form-user":
            {
                var id = Regex.Replace(field, "[.\\[\\]]", "_");
                return Regex.IsMatch(body, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>[^<]+<") || body.Contains($"href=\"#{id}\"", StringComparison.Ordinal);
            }

            case "upload-document":
                return body.Contains("\"file\"", StringComparison.Ordinal);
            default:
                return body.Contains($"\"{field}\"", StringComparison.Ordinal);
        }
    }

    private static async Task<(HttpStatusCode, string)> SendJsonAsync(HttpClient client, HttpMethod method, string url, string json)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> AssertRefusedAsync(HttpClient client, HttpMethod method, string url, string json, string field)
    {
        var before = await AuditCountAsync();
        var (status, body) = await SendJsonAsync(client, method, url, json);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {Shorten(body)}");
        Assert.True(body.Contains($"\"{field}\"", StringComparison.Ordinal), $"{field} not named: {Shorten(body)}");
        Assert.Equal(before, await AuditCountAsync());
        return body;
    }

    private async Task<int> AuditCountAsync()
    {
        var count = 0;
        await world.WithDbAsync(async db => count = await db.AuditEntries.CountAsync());
        return count;
    }

    /// <summary>The part of an answer worth reading in a failure: a page's error summary or main content, or the problem.</summary>
    private static string Shorten(string text)
    {
        var start = text.IndexOf("<main", StringComparison.Ordinal);
        var summary = text.IndexOf("error-summary", StringComparison.Ordinal);
        var from = summary >= 0 ? summary : Math.Max(start, 0);
        var part = text[from..];
        return part.Length > 1500 ? part[..1500] + "…" : part;
    }

    /// <summary>A valid case with one entry in every list, every field filled.</summary>
    private static JsonObject CaseJson() => JsonNode.Parse("""
        {
          "title": "Input limits", "summary": "Every field filled", "status": "Published", "visibility": "Public", "summaryVisibility": "Public",
          "states": [{ "state": "NGA", "role": "Requesting" }, { "state": "CHE", "role": "Requested" }],
          "offences": ["Art17"],
          "proceedings": [{ "route": "Art54_2", "state": "CHE", "description": "Freezing on request" }],
          "measures": [{ "stage": "Frozen", "assetType": "BankFunds", "amount": 1000, "currency": "USD", "date": "2019-05", "state": "CHE", "note": "A note", "excessReason": "A reason" }],
          "victims": [{ "kind": "State", "description": "The treasury", "compensationOrdered": 10, "compensationPaid": 5, "currency": "USD" }],
          "thirdParties": [{ "kind": "BonaFideClaimant", "description": "A purchaser", "outcome": "Protected" }],
          "challenges": [{ "code": "DualCriminality", "note": "A note", "state": "CHE", "proceedingRoute": "Art54_2" }],
          "sources": [{ "kind": "OpenSource", "state": "CHE", "url": "https://example.org/report", "title": "A report", "date": "2020-01-01" }]
        }
        """)!.AsObject();

    private static Dictionary<string, string> CaseForm() => new()
    {
        ["Input.Title"] = "Input limits", ["Input.Summary"] = "Every field filled", ["Input.Status"] = "Published", ["Input.Visibility"] = "Public", ["Input.SummaryVisibility"] = "Public",
        ["Input.States[0].State"] = "NGA", ["Input.States[0].Role"] = "Requesting", ["Input.States[1].State"] = "CHE", ["Input.States[1].Role"] = "Requested",
        ["Input.Offences"] = "Art17",
        ["Input.Proceedings[0].Route"] = "Art54_2", ["Input.Proceedings[0].State"] = "CHE", ["Input.Proceedings[0].Description"] = "Freezing on request",
        ["Input.Measures[0].Stage"] = "Frozen", ["Input.Measures[0].AssetType"] = "BankFunds", ["Input.Measures[0].Amount"] = "1000", ["Input.Measures[0].Currency"] = "USD",
        ["Input.Measures[0].Date"] = "2019-05", ["Input.Measures[0].State"] = "CHE", ["Input.Measures[0].Note"] = "A note", ["Input.Measures[0].ExcessReason"] = "A reason",
        ["Input.Victims[0].Kind"] = "State", ["Input.Victims[0].Description"] = "The treasury", ["Input.Victims[0].CompensationOrdered"] = "10",
        ["Input.Victims[0].CompensationPaid"] = "5", ["Input.Victims[0].Currency"] = "USD",
        ["Input.ThirdParties[0].Kind"] = "BonaFideClaimant", ["Input.ThirdParties[0].Description"] = "A purchaser", ["Input.ThirdParties[0].Outcome"] = "Protected",
        ["Input.Challenges[0].Code"] = "DualCriminality", ["Input.Challenges[0].Note"] = "A note", ["Input.Challenges[0].State"] = "CHE", ["Input.Challenges[0].ProceedingRoute"] = "Art54_2",
        ["Input.Sources[0].Kind"] = "OpenSource", ["Input.Sources[0].State"] = "CHE", ["Input.Sources[0].Url"] = "https://example.org/report",
        ["Input.Sources[0].Title"] = "A report", ["Input.Sources[0].Date"] = "2020-01-01",
    };

    private static JsonObject RoundJson() => new()
    {
        ["code"] = "R-" + Guid.NewGuid().ToString("N")[..8], ["title"] = "A round", ["mandate"] = "resolution 8/9",
        ["periodFrom"] = "2010-01-01", ["periodTo"] = "2020-12-31", ["deadline"] = "2030-01-01T00:00:00Z", ["states"] = new JsonArray("NGA"),
    };

    private static (List<string?[]> Cases, List<string?[]> Measures) WorkbookRows() =>
        ([[null, "N-1", "Nigerian case", "CHE", "Requesting", "Art17", "Art54_2", "A summary"]],
         [["N-1", "Frozen", "BankFunds", "1000", "USD", "2019-05", "A note", "A reason"]]);

    private static Dictionary<string, List<string?[]>> DetailRows() => new(StringComparer.Ordinal)
    {
        ["Victims"] = [["N-1", "State", "The treasury", "10", "5", "USD"]],
        ["ThirdParties"] = [["N-1", "BonaFideClaimant", "A purchaser", "Protected"]],
        ["Challenges"] = [["N-1", "DualCriminality", "A note"]],
        ["GoodPractices"] = [["A practice"]],
        ["AssistanceNeeds"] = [["AssetTracing", "Training", "High", "A need"]],
    };

    private MultipartFormDataContent Workbook(List<string?[]> cases, List<string?[]> measures, string name, Dictionary<string, List<string?[]>>? details = null) => new()
    {
        {
            new ByteArrayContent(WorkbookFiller.Fill(world.Template, cases, measures, book =>
            {
                foreach (var (sheet, rows) in details ?? [])
                {
                    WorkbookFiller.AppendRows(book, sheet, rows);
                }
            })),
            "file", name
        },
    };

    private static Dictionary<string, string> OnlineForm() => new()
    {
        ["State"] = "NGA",
        ["Cases[0].reference"] = "N-1", ["Cases[0].title"] = "Nigerian case", ["Cases[0].counterpart_state"] = "CHE", ["Cases[0].role_of_your_state"] = "Requesting",
        ["Cases[0].offences"] = "Art17", ["Cases[0].legal_routes"] = "Art54_2", ["Cases[0].summary"] = "A summary",
        ["Measures[0].case_reference"] = "N-1", ["Measures[0].stage"] = "Frozen", ["Measures[0].asset_type"] = "BankFunds", ["Measures[0].amount"] = "1000",
        ["Measures[0].currency"] = "USD", ["Measures[0].date"] = "2019-05", ["Measures[0].note"] = "A note", ["Measures[0].excess_reason"] = "A reason",
    };

    private static int Column(string sheet, string key)
    {
        var columns = sheet switch
        {
            "Cases" => Questionnaire.CaseColumns,
            "Measures" => Questionnaire.MeasureColumns,
            _ => Questionnaire.DetailSheets.Single(d => d.Sheet == sheet).Columns,
        };
        return columns.ToList().IndexOf(key);
    }

    /// <summary>Sets the value at a simple JSON path ("measures[0].note", "title").</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode node = root;
        var parts = PathPart().Matches(path).Select(m => m.Value).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            if (parts[i].StartsWith('['))
            {
                var index = int.Parse(parts[i][1..^1], CultureInfo.InvariantCulture);
                if (last)
                {
                    node[index] = value;
                }
                else
                {
                    node = node[index]!;
                }
            }
            else if (last)
            {
                node[parts[i]] = value;
            }
            else
            {
                node = node[parts[i]]!;
            }
        }
    }

    [GeneratedRegex(@"[A-Za-z]+|\[\d+\]")]
    private static partial Regex PathPart();
}

public sealed class SqliteInputLimitTests(SqliteInputWorld world) : InputLimitTests(world), IClassFixture<SqliteInputWorld>;

public sealed class PostgresInputLimitTests(PostgresInputWorld world) : InputLimitTests(world), IClassFixture<PostgresInputWorld>;
