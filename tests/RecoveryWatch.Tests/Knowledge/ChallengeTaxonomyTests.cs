using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Identity;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Collection;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>A published case between Nigeria (African) and Switzerland (Western European) whose transit State, Singapore
/// (Asia-Pacific), and one proceeding are for the Secretariat only; it met dual criminality.</summary>
public class ChallengesWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public int Leaky { get; private set; }

    protected override async Task SeedAsync() =>
        Leaky = await CreateCaseAsync(Case("Challenges world: restricted transit")
            .Between("NGA", "CHE").Transit("SGP", Visibility.Secretariat)
            .Route("Art54_1a").Route("Art57_3a", "SGP", Visibility.Secretariat)
            .Measure(Stage.Frozen, 1_000_000m, "USD", "2017-04").Offence("Art17")
            .Challenge("DualCriminality"));
}

public sealed class SqliteChallengesWorld() : ChallengesWorld(DatabaseKind.Sqlite);

public sealed class PostgresChallengesWorld() : ChallengesWorld(DatabaseKind.Postgres);

/// <summary>The challenge taxonomy in the database, extended by the Secretariat, on both engines: every input path accepts
/// a new type, a retired one is refused for new links but kept on old ones, labels are required in the six languages,
/// statistics by State, region and route never count what the caller may not see, and parallel creation gives one type.</summary>
public abstract class ChallengeTaxonomyTests(ChallengesWorld world)
{
    private static readonly JsonSerializerOptions Json = RecoveryWatchApp.Json;

    private static Dictionary<string, string?> Names(string english) => new()
    {
        ["ar"] = "تقييم الموجودات " + english,
        ["zh"] = "资产估值 " + english,
        ["en"] = english,
        ["fr"] = "Évaluation des avoirs " + english,
        ["ru"] = "Оценка активов " + english,
        ["es"] = "Valoración de los activos " + english,
    };

    private static async Task<HttpResponseMessage> CreateTypeAsync(HttpClient client, string code, Dictionary<string, string?>? names = null) =>
        await client.PostAsJsonAsync("/api/v1/challenges", new ChallengeTypeDocument { Code = code, Names = names ?? Names("Asset valuation " + code), Description = "Added by a test." }, Json);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static void AssertErrorOn(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error on {field}: {problem}");

    private async Task<int> AuditCountAsync(string entityId)
    {
        var count = 0;
        await world.WithDbAsync(async db => count = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ChallengeType) && a.EntityId == entityId));
        return count;
    }

    [Fact]
    public async Task The_built_in_taxonomy_is_public_with_labels_in_six_languages()
    {
        var types = await world.CreateClient().GetFromJsonAsync<List<ChallengeTypeDocument>>("/api/v1/challenges", Json);
        var builtIn = types!.Where(t => t.BuiltIn == true).ToList();
        Assert.Equal(ReferenceCatalog.Default.Challenges.Keys.Order(StringComparer.Ordinal), builtIn.Select(t => t.Code!));
        var foreign = Assert.Single(builtIn, t => t.Code == "ForeignConfiscationOrderEnforcement");
        Assert.Equal("外国没收令的执行", foreign.Names!["zh"]);
        Assert.All(builtIn, t => Assert.All(Languages.All, l => Assert.False(string.IsNullOrEmpty(t.Names![l]))));

        var page = await world.CreateClient().GetStringAsync("/challenges?culture=fr");
        Assert.Contains("Exécution des décisions de confiscation étrangères", page, StringComparison.Ordinal);
        Assert.Contains("/cases?challenge=DualCriminality", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_type_is_valid_on_the_case_API_offered_in_the_template_and_accepted_from_a_workbook()
    {
        const string Code = "AssetValuationDisputes";
        using var secretariat = await world.SecretariatClientAsync();

        // Before it exists, every path refuses it.
        var early = await secretariat.PostAsJsonAsync("/api/v1/cases", Case("Too early").Between("PER", "USA").Challenge(Code).Build(), Json);
        AssertErrorOn(await ProblemAsync(early, HttpStatusCode.BadRequest), "challenges[0].code");

        var created = await ProblemAsync(await CreateTypeAsync(secretariat, Code), HttpStatusCode.Created);
        Assert.Equal(Code, created.GetProperty("code").GetString());
        Assert.Equal(1, await AuditCountAsync(Code));

        // GET → PUT unchanged changes nothing, not even the audit log.
        var read = await secretariat.GetFromJsonAsync<ChallengeTypeDocument>($"/api/v1/challenges/{Code}", Json);
        var put = await secretariat.PutAsJsonAsync($"/api/v1/challenges/{Code}", read, Json);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(read!.Version, (await put.Content.ReadFromJsonAsync<ChallengeTypeDocument>(Json))!.Version);
        Assert.Equal(1, await AuditCountAsync(Code));

        // The case API.
        var caseId = await world.CreateCaseAsync(Case("Valuation dispute").Between("PER", "USA").Challenge(Code, "Experts disagreed"));
        var details = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal(Code, details.GetProperty("challenges")[0].GetProperty("code").GetString());
        var caseList = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases?challenge={Code}");
        Assert.Equal(1, caseList.GetProperty("total").GetInt32());

        // The template's list and the workbook import.
        var driver = new CollectionDriver(world);
        var round = await driver.RoundAsync("CH-NEW-" + world.Kind, "PER");
        var focal = await driver.FocalPointAsync("PER");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=PER&lang=en");
        Assert.Contains(Code, ListColumn(template, 7));
        var filled = WorkbookFiller.Fill(template,
            [[null, "PE-1", "Valuation case from Peru", "USA", "Requesting", "Art17", "", ""]],
            [["PE-1", "Frozen", "BankFunds", "1000", "USD", "2016-05", null, null]],
            book => WorkbookFiller.AppendRows(book, "Challenges", [["PE-1", Code, "Reported in the workbook"]]));
        var uploaded = await CollectionDriver.UploadAsync(focal, round, "PER", filled);
        await CollectionDriver.CreatedIdAsync(uploaded);
    }

    [Fact]
    public async Task A_retired_type_is_refused_for_new_links_and_kept_on_old_ones_through_GET_and_PUT()
    {
        const string Code = "OutdatedChallenge";
        using var secretariat = await world.SecretariatClientAsync();
        await ProblemAsync(await CreateTypeAsync(secretariat, Code), HttpStatusCode.Created);
        var old = await world.CreateCaseAsync(Case("Old link").Between("KEN", "GBR").Route("Art54_1a").Challenge(Code, "Met before the type was retired"));

        var retired = await secretariat.PostAsync($"/api/v1/challenges/{Code}/retire", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.True((await retired.Content.ReadFromJsonAsync<ChallengeTypeDocument>(Json))!.Retired);
        Assert.Contains(await world.CreateClient().GetFromJsonAsync<List<ChallengeTypeDocument>>("/api/v1/challenges", Json) ?? [], t => t.Code == Code && t.Retired);

        // A new link is refused, on the API and from a workbook; the template no longer offers it.
        var fresh = await secretariat.PostAsJsonAsync("/api/v1/cases", Case("New link").Between("KEN", "GBR").Challenge(Code).Build(), Json);
        var problem = await ProblemAsync(fresh, HttpStatusCode.BadRequest);
        AssertErrorOn(problem, "challenges[0].code");
        var oldCase = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{old}", RecoveryWatchApp.Reading);
        var other = await world.CreateCaseAsync(Case("Another case").Between("KEN", "GBR"));
        var otherCase = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{other}", RecoveryWatchApp.Reading);
        var added = await secretariat.PutAsJsonAsync($"/api/v1/cases/{other}", otherCase! with { Challenges = [new ChallengeInput { Code = Code }] }, Json);
        AssertErrorOn(await ProblemAsync(added, HttpStatusCode.BadRequest), "challenges[0].code");

        var driver = new CollectionDriver(world);
        var round = await driver.RoundAsync("CH-RET-" + world.Kind, "KEN");
        var focal = await driver.FocalPointAsync("KEN");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=KEN&lang=en");
        Assert.DoesNotContain(Code, ListColumn(template, 7));
        var filled = WorkbookFiller.Fill(template, [[null, "KE-1", "Kenyan case", "GBR", "Requesting", "Art17", "", ""]], [["KE-1", "Frozen", "BankFunds", "1000", "USD", "2016-05", null, null]],
            book => WorkbookFiller.AppendRows(book, "Challenges", [["KE-1", Code, null]]));
        var upload = await CollectionDriver.UploadAsync(focal, round, "KEN", filled);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("Challenges!B", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The old link survives an unchanged GET → PUT, and displays with its label.
        var version = oldCase!.Version;
        var unchanged = await secretariat.PutAsJsonAsync($"/api/v1/cases/{old}", oldCase, Json);
        Assert.True(unchanged.IsSuccessStatusCode, await unchanged.Content.ReadAsStringAsync());
        var after = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{old}", RecoveryWatchApp.Reading);
        Assert.Equal(version, after!.Version);
        Assert.Equal(Code, Assert.Single(after.Challenges).Code);
        var page = await world.CreateClient().GetStringAsync($"/cases/{old}");
        Assert.Contains("Asset valuation " + Code, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_are_required_in_the_six_languages_and_codes_follow_the_codebook_rule()
    {
        using var secretariat = await world.SecretariatClientAsync();
        var names = Names("Missing Chinese");
        names.Remove("zh");
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "MissingChinese", names), HttpStatusCode.BadRequest), "names.zh");
        var blank = Names("Blank Arabic");
        blank["ar"] = "\u200B ";
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "BlankArabic", blank), HttpStatusCode.BadRequest), "names.ar");
        var tooLong = Names(new string('x', ChallengeType.NameLength + 1));
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "TooLongName", tooLong), HttpStatusCode.BadRequest), "names.en");
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "with space"), HttpStatusCode.BadRequest), "code");
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "9Starts"), HttpStatusCode.BadRequest), "code");
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, "Défaut"), HttpStatusCode.BadRequest), "code");
        AssertErrorOn(await ProblemAsync(await CreateTypeAsync(secretariat, new string('A', ChallengeType.CodeLength + 1)), HttpStatusCode.BadRequest), "code");
        // A built-in code is taken: 409.
        await ProblemAsync(await CreateTypeAsync(secretariat, "DualCriminality"), HttpStatusCode.Conflict);
        var stored = 0;
        await world.WithDbAsync(async db => stored = await db.ChallengeTypes.CountAsync(t => t.Code == "MissingChinese" || t.Code == "BlankArabic" || t.Code == "TooLongName"));
        Assert.Equal(0, stored);

        // An edit needs them too, and cannot change the code.
        var read = await secretariat.GetFromJsonAsync<ChallengeTypeDocument>("/api/v1/challenges/Immunities", Json);
        var withoutRussian = read! with { Names = new Dictionary<string, string?>(read.Names!) { ["ru"] = null } };
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync("/api/v1/challenges/Immunities", withoutRussian, Json), HttpStatusCode.BadRequest), "names.ru");
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync("/api/v1/challenges/Immunities", read with { Code = "Other" }, Json), HttpStatusCode.BadRequest), "code");
        // A stale version is a 409.
        var relabelled = read with { Names = new Dictionary<string, string?>(read.Names!) { ["en"] = "Immunities (of officials)" } };
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutAsJsonAsync("/api/v1/challenges/Immunities", relabelled, Json)).StatusCode);
        await ProblemAsync(await secretariat.PutAsJsonAsync("/api/v1/challenges/Immunities", read, Json), HttpStatusCode.Conflict);
        Assert.Equal(1, await AuditCountAsync("Immunities"));

        // Only the Secretariat writes.
        Assert.Equal(HttpStatusCode.Unauthorized, (await CreateTypeAsync(world.CreateClient(), "Anonymous")).StatusCode);
        var driver = new CollectionDriver(world);
        using var focal = await driver.FocalPointAsync("NGA");
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateTypeAsync(focal, "FocalPoint")).StatusCode);
    }

    [Fact]
    public async Task A_challenge_names_the_State_that_met_it_and_the_proceeding_and_GET_PUT_is_symmetric()
    {
        using var secretariat = await world.SecretariatClientAsync();
        var request = Case("Linked challenge").Between("BRA", "CHE").Route("Art54_1a", "CHE").Build();
        request.Challenges.Add(new ChallengeInput { Code = "DifferingStandardsOfProof", Note = "Conviction required", State = "CHE", ProceedingRoute = "Art54_1a" });
        var id = await world.CreateCaseAsync(request);
        var read = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{id}", RecoveryWatchApp.Reading);
        var challenge = Assert.Single(read!.Challenges);
        Assert.Equal(("CHE", "Art54_1a"), (challenge.State, challenge.ProceedingRoute));
        var put = await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", read, Json);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var again = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{id}", RecoveryWatchApp.Reading);
        Assert.Equal(read.Version, again!.Version);

        var wrongState = read with { Challenges = [challenge with { State = "FRA" }] };
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", wrongState, Json), HttpStatusCode.BadRequest), "challenges[0].state");
        var wrongRoute = read with { Challenges = [challenge with { ProceedingRoute = "Art57_5" }] };
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", wrongRoute, Json), HttpStatusCode.BadRequest), "challenges[0].proceedingRoute");
        var unknownState = read with { Challenges = [challenge with { State = "XXX" }] };
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", unknownState, Json), HttpStatusCode.BadRequest), "challenges[0].state");
        var tooLong = read with { Challenges = [challenge with { ProceedingRoute = new string('A', 21) }] };
        AssertErrorOn(await ProblemAsync(await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", tooLong, Json), HttpStatusCode.BadRequest), "challenges[0].proceedingRoute");
        var page = await world.CreateClient().GetStringAsync($"/cases/{id}");
        Assert.Contains("Switzerland", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_State_is_not_named_on_a_challenge_for_readers_who_may_not_see_it()
    {
        var request = Case("Hidden State on a challenge").Between("ARG", "ESP").Transit("PAN", Visibility.Secretariat).Build();
        request.Challenges.Add(new ChallengeInput { Code = "BeneficialOwnershipOpacity", State = "PAN" });
        var id = await world.CreateCaseAsync(request);
        var anonymous = await world.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        var challenge = anonymous.GetProperty("challenges")[0];
        Assert.False(challenge.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String, challenge.ToString());
        Assert.DoesNotContain("PAN", anonymous.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Panama", await world.CreateClient().GetStringAsync($"/cases/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_by_state_region_and_route_never_count_a_restricted_State_or_proceeding_for_anonymous_callers()
    {
        async Task<List<JsonElement>> RowsAsync(HttpClient client, string by) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/challenges?by={by}")).EnumerateArray().Where(r => r.GetProperty("challenge").GetString() == "DualCriminality")];

        using var anonymous = world.CreateClient();
        using var secretariat = await world.SecretariatClientAsync();
        var byState = await RowsAsync(anonymous, "state");
        Assert.Contains(byState, r => r.GetProperty("group").GetString() == "NGA");
        Assert.Contains(byState, r => r.GetProperty("group").GetString() == "CHE");
        Assert.DoesNotContain(byState, r => r.GetProperty("group").GetString() == "SGP");
        Assert.Contains(await RowsAsync(secretariat, "state"), r => r.GetProperty("group").GetString() == "SGP");

        var byRegion = await RowsAsync(anonymous, "region");
        Assert.Contains(byRegion, r => r.GetProperty("group").GetString() == "African");
        Assert.DoesNotContain(byRegion, r => r.GetProperty("group").GetString() == "AsiaPacific");
        Assert.Contains(await RowsAsync(secretariat, "region"), r => r.GetProperty("group").GetString() == "AsiaPacific");

        var byRoute = await RowsAsync(anonymous, "route");
        Assert.Contains(byRoute, r => r.GetProperty("group").GetString() == "Art54_1a");
        Assert.DoesNotContain(byRoute, r => r.GetProperty("group").GetString() == "Art57_3a");
        Assert.Contains(await RowsAsync(secretariat, "route"), r => r.GetProperty("group").GetString() == "Art57_3a");

        // Each row links to exactly its cases.
        foreach (var row in byState.Concat(byRegion).Concat(byRoute))
        {
            var link = row.GetProperty("casesLink").GetString()!.Replace("/cases?", "/api/v1/cases?", StringComparison.Ordinal);
            var listed = await anonymous.GetFromJsonAsync<JsonElement>(link);
            Assert.Equal(row.GetProperty("cases").GetInt32(), listed.GetProperty("total").GetInt32());
        }

        var requested = await RowsAsync(anonymous, "state&role=Requested");
        Assert.Equal(["CHE"], requested.Select(r => r.GetProperty("group").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/statistics/challenges?by=offence")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/statistics/challenges?by=route&role=Requested")).StatusCode);
        // The page: with Singapore as the State, no case the public may see met it there; with Nigeria, the one case.
        static int Count(string page) => int.Parse(System.Text.RegularExpressions.Regex.Match(page,
            "id=\"challenge-DualCriminality\">.*?class=\"number\"><a href=\"[^\"]*\">([0-9]+)</a>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Count(await anonymous.GetStringAsync("/challenges?state=SGP&culture=en")));
        Assert.Equal(1, Count(await anonymous.GetStringAsync("/challenges?state=NGA&culture=en")));
    }

    [Fact]
    public async Task Challenges_a_State_meets_in_general_become_State_level_reports_on_validation()
    {
        var driver = new CollectionDriver(world);
        var round = await driver.RoundAsync("CH-GEN-" + world.Kind, "GHA");
        var focal = await driver.FocalPointAsync("GHA");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=GHA&lang=en");
        var filled = WorkbookFiller.Fill(template,
            [[null, "GH-1", "Ghanaian case", "GBR", "Requesting", "Art17", "", ""]],
            [["GH-1", "Frozen", "BankFunds", "1000", "USD", "2016-05", null, null]],
            book => WorkbookFiller.AppendRows(book, "Challenges",
            [
                [null, "ForeignConfiscationOrderEnforcement", "Non-conviction-based orders are not recognized abroad"],
                [null, "DifferingEvidentiaryRequirements", null],
                ["GH-1", "LanguageAndTranslation", "Translations of the request"],
            ]));
        var submission = await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(focal, round, "GHA", filled));
        using var secretariat = await world.SecretariatClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null)).StatusCode);

        var reports = (await secretariat.GetFromJsonAsync<List<StateChallengeItem>>("/api/v1/challenges/state-reports?state=GHA", Json))!;
        Assert.Equal(["DifferingEvidentiaryRequirements", "ForeignConfiscationOrderEnforcement"], reports.Select(r => r.Challenge).Order(StringComparer.Ordinal));
        Assert.All(reports, r => Assert.Equal((submission, round), (r.SubmissionId, r.RoundId)));
        var foreign = Assert.Single(reports, r => r.Challenge == "ForeignConfiscationOrderEnforcement");
        Assert.Equal("Challenges!B3", foreign.SourceCell);
        Assert.Equal("Non-conviction-based orders are not recognized abroad", foreign.Note);

        // Only the Secretariat reads which State reported what; the page shows it the counts.
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.CreateClient().GetAsync("/api/v1/challenges/state-reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.GetAsync("/api/v1/challenges/state-reports")).StatusCode);
        await driver.AssertAuditIntactAsync();

        // The case-linked row became a link naming the reporting State.
        var caseId = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}")).GetProperty("cases")[0].GetProperty("caseId").GetInt32();
        var detail = await secretariat.GetFromJsonAsync<SaveCaseRequest>($"/api/v1/cases/{caseId}", RecoveryWatchApp.Reading);
        var linked = Assert.Single(detail!.Challenges);
        Assert.Equal(("LanguageAndTranslation", "GHA"), (linked.Code, linked.State));
    }

    [Fact]
    public async Task Eight_parallel_creations_of_one_code_give_one_type_and_seven_conflicts()
    {
        const string Code = "ParallelChallenge";
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await world.SecretariatClientAsync());
        }

        var responses = await CollectionDriver.AtOnceAsync(8, i => CreateTypeAsync(clients[i], Code));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var stored = 0;
        await world.WithDbAsync(async db => stored = await db.ChallengeTypes.CountAsync(t => t.Code == Code));
        Assert.Equal(1, stored);
        Assert.Equal(1, await AuditCountAsync(Code));
        await new CollectionDriver(world).AssertAuditIntactAsync();

        // Eight parallel retirements: one changes it, the others find nothing left to change.
        var retired = await CollectionDriver.AtOnceAsync(8, i => clients[i].PostAsync($"/api/v1/challenges/{Code}/retire", null));
        Assert.All(retired, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(2, await AuditCountAsync(Code));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_Secretariat_adds_a_type_on_the_page_without_JavaScript()
    {
        var driver = new CollectionDriver(world);
        await driver.EnsureUserAsync("analyst.challenges@knowledge.test", Roles.SecretariatAnalyst);
        var form = await driver.SignedInFormAsync("analyst.challenges@knowledge.test", CollectionDriver.FocalPassword);
        var token = await CollectionDriver.TokenAsync(form, "/challenges/edit");
        var fields = Names("Page-added type").Select(n => new KeyValuePair<string, string>($"Names[{n.Key}]", n.Value!))
            .Append(new("NewCode", "PageAddedType")).ToList();
        var missing = await CollectionDriver.PostFormAsync(form, "/challenges/edit", token, fields.Where(f => f.Key != "Names[ru]"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("field-names-ru", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await CollectionDriver.PostFormAsync(form, "/challenges/edit", token, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await world.CreateClient().GetStringAsync("/challenges?culture=ru");
        Assert.Contains("Оценка активов Page-added type", page, StringComparison.Ordinal);
    }

    /// <summary>The values of one column of the template's hidden Lists sheet.</summary>
    private static List<string> ListColumn(byte[] workbook, int column)
    {
        using var book = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var letter = ((char)('A' + column)).ToString();
        return [.. WorkbookFiller.Sheet(book, "Lists").Elements<Row>().SelectMany(r => r.Elements<Cell>())
            .Where(c => c.CellReference?.Value?.StartsWith(letter, StringComparison.Ordinal) == true && c.CellReference.Value[1..].All(char.IsDigit))
            .Select(c => c.InnerText).Where(t => t.Length > 0)];
    }
}

public sealed class SqliteChallengeTaxonomyTests(SqliteChallengesWorld world) : ChallengeTaxonomyTests(world), IClassFixture<SqliteChallengesWorld>;

public sealed class PostgresChallengeTaxonomyTests(PostgresChallengesWorld world) : ChallengeTaxonomyTests(world), IClassFixture<PostgresChallengesWorld>;
