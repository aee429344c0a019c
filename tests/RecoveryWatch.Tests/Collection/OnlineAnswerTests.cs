using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Collection;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>
/// The online answer as the twin of the workbook, on each database: pre-filled with the State's draft or else what the
/// template pre-fills; every sheet saved and read back; amounts as each language writes numbers, an ambiguous one refused
/// beside its field; and the same content sent as a workbook and online stored the same.
/// </summary>
public abstract class OnlineAnswerTests(RecoveryWatchApp app)
{
    private readonly CollectionDriver _driver = new(app);

    private static string Path(int round, string state, string culture, string? handler = null) =>
        $"/rounds/{round}/answer?state={state}&culture={culture}" + (handler is null ? string.Empty : "&handler=" + handler);

    private async Task<FormClient> PageAsync(string state)
    {
        await _driver.FocalPointAsync(state);
        return await _driver.SignedInFormAsync(CollectionDriver.FocalEmail(state), CollectionDriver.FocalPassword);
    }

    private static async Task<IDocument> DocumentAsync(FormClient form, string path) =>
        new HtmlParser().ParseDocument(await form.Http.GetStringAsync(path));

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>What a field shows: an input's value, a text area's text, a list's chosen codes joined with ';'.</summary>
    private static string Value(IDocument document, string id) => document.GetElementById(id) switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => string.Join(';', select.Options.Where(o => o.HasAttribute("selected")).Select(o => o.Value)),
        null => throw new Xunit.Sdk.XunitException($"No field {id}"),
        var other => throw new Xunit.Sdk.XunitException($"{id} is a {other.TagName}"),
    };

    private static int QuestionIndex(string code) => RecoveryWatch.Knowledge.LegalFrameworkQuestions.All.Select((q, i) => (q.Code, i)).Single(x => x.Code == code).i;

    /// <summary>One answer with a row in every sheet, each row in the questionnaire's column order, amounts invariant.</summary>
    private static Dictionary<string, string?[]> Content(IDocument page, string reference)
    {
        var challenge = ((IHtmlSelectElement)page.GetElementById("Challenges-0-challenge")!).Options.First(o => o.Value.Length > 0).Value;
        var question = RecoveryWatch.Knowledge.LegalFrameworkQuestions.All[1];
        var answer = RecoveryWatch.Knowledge.LegalFrameworkQuestions.AnswersOf(question.AnswerKind)[0].Code;
        return new Dictionary<string, string?[]>(StringComparer.Ordinal)
        {
            [Questionnaire.CasesSheet] = [null, reference, "Online twin: port concession bribes " + reference, "GBR", "Requesting", "Art15;Art23", "Art54_2", "Bribes paid through a London shell company."],
            [Questionnaire.MeasuresSheet] = [reference, "Frozen", "BankFunds", "1250000.5", "GBP", "2015-06", "Frozen by the High Court.", null],
            [Questionnaire.VictimsSheet] = [reference, "State", "The port authority lost its concession fees.", "2000000", "1500", "GBP"],
            [Questionnaire.ThirdPartiesSheet] = [reference, "BonaFideClaimant", "A bank claimed a charge over the funds.", "Claim dismissed."],
            [Questionnaire.ChallengesSheet] = [reference, challenge, "Dual criminality took two years to establish."],
            [Questionnaire.PracticesSheet] = ["Early contact between the two central authorities."],
            [Questionnaire.NeedsSheet] = [ReferenceCatalog.Default.AssistanceAreas.Keys.Order(StringComparer.Ordinal).First(), "Training", "High", "Training for financial investigators."],
            [Questionnaire.LegalFrameworkSheet] = [question.Code, null, answer, "As amended in 2019.", "Proceeds of Crime Act", "s. 12", null],
        };
    }

    /// <summary>The content as the online form's fields: amounts written as <paramref name="culture"/> writes numbers, the
    /// offences as the several choices of a multiple list.</summary>
    private static List<KeyValuePair<string, string>> Fields(string state, Dictionary<string, string?[]> content, CultureInfo culture)
    {
        var fields = new List<KeyValuePair<string, string>> { new("State", state) };
        foreach (var section in OnlineAnswer.Sections)
        {
            var values = content[section.Sheet];
            var index = section.FixedRows ? QuestionIndex(values[0]!) : 0;
            for (var c = 0; c < section.Columns.Count; c++)
            {
                var column = section.Columns[c];
                if (values[c] is not { } value || column == "question_text")
                {
                    continue;
                }

                var name = OnlineAnswer.FieldName(section.Sheet, index, column);
                if (OnlineSection.IsAmount(column))
                {
                    fields.Add(new(name, RecoveryWatch.Common.LocalizedNumber.Format(decimal.Parse(value, CultureInfo.InvariantCulture), culture)));
                }
                else if (OnlineSection.IsMultiCode(column))
                {
                    fields.AddRange(value.Split(';').Select(code => new KeyValuePair<string, string>(name, code)));
                }
                else
                {
                    fields.Add(new(name, value));
                }
            }
        }

        return fields;
    }

    private static Task<HttpResponseMessage> PostAsync(FormClient form, string path, List<KeyValuePair<string, string>> fields) =>
        form.PostFormAsync(path, new Dictionary<string, string>(), fields);

    [Fact]
    public async Task Without_a_draft_the_form_is_prefilled_with_the_States_known_cases_as_the_template_is()
    {
        var title = $"Prefilled online {app.Kind}: harbour dredging contract";
        var id = await app.CreateCaseAsync(CaseBuilder.Case(title).Between("GHA", "CHE").Offence("Art17").Measure(Stage.Frozen, 1_000_000m, "CHF", "2014-03"));
        var round = await _driver.RoundAsync("PREFILL-ON-" + app.Kind, "GHA");
        using var form = await PageAsync("GHA");
        // Ghana's legal framework as the Secretariat validated it.
        using (var secretariat = await app.SecretariatClientAsync())
        {
            var draft = await secretariat.PutAsJsonAsync("/api/v1/legal-frameworks/GHA/draft", new
            {
                asOf = "2020-06-30", source = "Prefill test", version = 0,
                answers = new[] { new { question = "DirectEnforcement", answer = "Available", note = (string?)null, lawTitle = "Proceeds of Crime Act", lawArticle = "s. 10", lawUrl = (string?)null } },
            });
            Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
            var version = (await draft.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32();
            var validated = await secretariat.PostAsJsonAsync("/api/v1/legal-frameworks/GHA/draft/validate", new { version });
            Assert.True(validated.IsSuccessStatusCode, await validated.Content.ReadAsStringAsync());
        }

        var english = await DocumentAsync(form, Path(round, "GHA", "en"));
        var row = Enumerable.Range(0, 200).First(i => english.GetElementById($"Cases-{i}-reference") is IHtmlInputElement input && input.Value == "RW-" + id);
        Assert.Equal(title, Value(english, $"Cases-{row}-title"));
        Assert.Equal("CHE", Value(english, $"Cases-{row}-counterpart_state"));
        Assert.Equal("Requesting", Value(english, $"Cases-{row}-role_of_your_state"));
        Assert.Equal("Art17", Value(english, $"Cases-{row}-offences"));
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), ((IHtmlInputElement)english.QuerySelector($"input[name='Cases[{row}].case_key']")!).Value);
        var measure = Enumerable.Range(0, 500).First(i => english.GetElementById($"Measures-{i}-case_reference") is IHtmlInputElement input && input.Value == "RW-" + id);
        Assert.Equal("1,000,000", Value(english, $"Measures-{measure}-amount"));
        Assert.Equal("CHF", Value(english, $"Measures-{measure}-currency"));
        Assert.Equal("Frozen", Value(english, $"Measures-{measure}-stage"));
        // Every question of the legal framework has its row, as in the workbook, the validated answers filled in.
        Assert.Equal(RecoveryWatch.Knowledge.LegalFrameworkQuestions.All.Count, english.QuerySelectorAll("input[name$='.question']").Length);
        var direct = QuestionIndex("DirectEnforcement");
        Assert.Equal("Available", Value(english, $"LegalFramework-{direct}-answer"));
        Assert.Equal("Proceeds of Crime Act", Value(english, $"LegalFramework-{direct}-law_title"));

        // In French the same amount reads as French writes it (a narrow no-break space between groups), and the lists'
        // labels are French while their values stay the codes.
        var french = await DocumentAsync(form, Path(round, "GHA", "fr"));
        Assert.Equal("1\u202F000\u202F000", Value(french, $"Measures-{measure}-amount"));
        var stage = ((IHtmlSelectElement)french.GetElementById($"Measures-{measure}-stage")!).Options.Single(o => o.Value == "Frozen");
        Assert.Equal(ReferenceCatalog.Default.Stages["Frozen"].Name("fr"), stage.TextContent);
        Assert.NotEqual(ReferenceCatalog.Default.Stages["Frozen"].Name("en"), stage.TextContent);
    }

    [Fact]
    public async Task Every_sheet_is_saved_as_a_draft_and_read_back_the_same_even_in_another_language()
    {
        var round = await _driver.RoundAsync("DRAFT-ALL-" + app.Kind, "BWA");
        using var form = await PageAsync("BWA");
        var blank = await DocumentAsync(form, Path(round, "BWA", "fr"));
        var content = Content(blank, "BW-1");

        var saved = await PostAsync(form, Path(round, "BWA", "fr", "Save"), Fields("BWA", content, CultureInfo.GetCultureInfo("fr")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await _driver.AuditCountAsync("save-draft", nameof(SubmissionDraft), $"{round}/BWA"));

        foreach (var culture in new[] { "fr", "en" })
        {
            var page = await DocumentAsync(form, Path(round, "BWA", culture));
            foreach (var section in OnlineAnswer.Sections)
            {
                var values = content[section.Sheet];
                var index = section.FixedRows ? QuestionIndex(values[0]!) : 0;
                for (var c = 0; c < section.Columns.Count; c++)
                {
                    var column = section.Columns[c];
                    if (OnlineSection.IsKey(column))
                    {
                        continue;
                    }

                    var expected = values[c] ?? string.Empty;
                    if (OnlineSection.IsAmount(column) && expected.Length > 0)
                    {
                        expected = RecoveryWatch.Common.LocalizedNumber.Format(decimal.Parse(expected, CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo(culture));
                    }

                    Assert.True(expected == Value(page, AnswerId(section.Sheet, index, column)), $"{culture} {section.Sheet}.{column}: expected '{expected}', shown '{Value(page, AnswerId(section.Sheet, index, column))}'");
                }
            }
        }

        // The draft, submitted as it stands, passes the workbook's checks in every sheet.
        var submitted = await PostAsync(form, Path(round, "BWA", "en", "Submit"), Fields("BWA", content, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    private static string AnswerId(string sheet, int index, string column) => RecoveryWatch.Web.Pages.Rounds.AnswerModel.FieldId(sheet, index, column);

    [Theory]
    [InlineData("en", "1,000,000")]
    [InlineData("en", "1000000")]
    [InlineData("fr", "1 000 000")]
    [InlineData("fr", "1\u00A0000\u00A0000")]
    [InlineData("fr", "1\u202F000\u202F000")]
    [InlineData("ru", "1\u00A0000\u00A0000")]
    [InlineData("es", "1.000.000")]
    [InlineData("zh", "1,000,000")]
    [InlineData("ar", "١٬٠٠٠٬٠٠٠")]
    [InlineData("ar", "١٠٠٠٠٠٠")]
    public async Task Amounts_are_read_as_each_language_writes_numbers(string culture, string typed)
    {
        var state = "NAM";
        var round = await _driver.RoundAsync($"NUM-{culture}-{typed.GetHashCode(StringComparison.Ordinal):x8}-{app.Kind}", state);
        using var form = await PageAsync(state);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("State", state), new("Cases[0].reference", "NA-1"), new("Cases[0].title", "Numbers " + culture), new("Cases[0].counterpart_state", "DEU"),
            new("Cases[0].role_of_your_state", "Requesting"), new("Measures[0].case_reference", "NA-1"), new("Measures[0].stage", "Frozen"),
            new("Measures[0].amount", typed), new("Measures[0].currency", "EUR"), new("Measures[0].date", "2016-01"),
        };

        var response = await PostAsync(form, Path(round, state, culture, "Submit"), fields);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(1_000_000m, await _driver.QueryAsync(db => db.Submissions.Where(s => s.RoundId == round).SelectMany(s => s.Measures).Select(m => m.Amount).SingleAsync()));
    }

    [Theory]
    [InlineData("en", "1,5", "1,234,567.89")]
    [InlineData("en", "1.000.000", "1,234,567.89")]
    [InlineData("fr", "1.000.000", "1\u202F234\u202F567,89")]
    [InlineData("es", "1.00.000", "1.234.567,89")]
    public async Task An_ambiguous_amount_is_refused_beside_its_field_not_guessed(string culture, string typed, string example)
    {
        var state = "ZMB";
        var round = await _driver.RoundAsync($"AMBIG-{culture}-{typed.GetHashCode(StringComparison.Ordinal):x8}-{app.Kind}", state);
        using var form = await PageAsync(state);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("State", state), new("Cases[0].reference", "ZM-1"), new("Cases[0].title", "Ambiguous " + culture), new("Cases[0].counterpart_state", "FRA"),
            new("Cases[0].role_of_your_state", "Requesting"), new("Measures[0].case_reference", "ZM-1"), new("Measures[0].stage", "Frozen"),
            new("Measures[0].amount", typed), new("Measures[0].currency", "EUR"), new("Measures[0].date", "2016-01"),
            // A second error, in another sheet, is shown beside its own field.
            new("Victims[0].case_reference", "ZM-9"), new("Victims[0].victim_kind", "State"), new("Victims[0].description", "Unknown case"),
        };

        var response = await PostAsync(form, Path(round, state, culture, "Submit"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DocumentAsync(response);
        var amount = page.GetElementById("Measures-0-amount")!;
        Assert.Equal("true", amount.GetAttribute("aria-invalid"));
        Assert.Contains("Measures-0-amount-error", amount.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal(typed, ((IHtmlInputElement)amount).Value);
        var message = page.GetElementById("Measures-0-amount-error")!.TextContent;
        Assert.Contains(typed, message, StringComparison.Ordinal);
        Assert.Contains(example, message, StringComparison.Ordinal);
        // The summary at the top links to the field, naming its section, row and column.
        var link = page.QuerySelector("#answer-errors a[href='#Measures-0-amount']")!;
        Assert.Contains(Questionnaire.Label("amount", culture), link.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.GetElementById("Victims-0-case_reference")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("#answer-errors a[href='#Victims-0-case_reference']"));
        // No workbook cell ("Measures!D3") on the form's page.
        Assert.DoesNotContain("Measures!D3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _driver.QueryAsync(db => db.Submissions.CountAsync(s => s.RoundId == round)));
    }

    [Fact]
    public async Task Add_a_row_without_JavaScript_keeps_what_was_typed_and_adds_a_blank_row()
    {
        var round = await _driver.RoundAsync("ADDROW-" + app.Kind, "MOZ");
        using var form = await PageAsync("MOZ");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("State", "MOZ"), new("Victims[0].case_reference", "MZ-1"), new("Victims[0].description", "Typed before adding"), new("addRow", "Victims"),
        };

        var response = await PostAsync(form, Path(round, "MOZ", "en", "AddRow"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DocumentAsync(response);
        Assert.Equal("Typed before adding", Value(page, "Victims-0-description"));
        Assert.Equal(string.Empty, Value(page, "Victims-1-case_reference"));
        Assert.True(page.GetElementById("Victims-1-case_reference")!.HasAttribute("autofocus"));
        Assert.Null(page.GetElementById("Victims-2-case_reference"));
        // Nothing was saved by adding a row.
        Assert.Equal(0, await _driver.QueryAsync(db => db.Set<SubmissionDraft>().CountAsync(d => d.RoundId == round)));
    }

    [Fact]
    public async Task A_focal_point_answers_only_for_its_own_State()
    {
        var round = await _driver.RoundAsync("OWN-ONLINE-" + app.Kind, "MWI", "TZA");
        using var form = await PageAsync("MWI");
        // A signed-in browser is sent to the access-denied page (the cookie scheme's answer to a forbidden request).
        static void Denied(HttpResponseMessage response) => Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("denied", StringComparison.OrdinalIgnoreCase)),
            $"{(int)response.StatusCode} {response.Headers.Location}");
        Denied(await form.Http.GetAsync(Path(round, "TZA", "en")));
        var token = await CollectionDriver.TokenAsync(form, Path(round, "MWI", "en"));
        foreach (var handler in new[] { "Save", "Submit", "AddRow" })
        {
            Denied(await CollectionDriver.PostFormAsync(form, Path(round, "TZA", "en", handler), token, [new("State", "TZA"), new("Cases[0].title", "Not mine")]));
        }

        Assert.Equal(0, await _driver.QueryAsync(db => db.Set<SubmissionDraft>().CountAsync(d => d.RoundId == round)));
    }

    [Fact]
    public async Task The_same_answer_sent_as_a_workbook_and_online_is_stored_the_same()
    {
        var state = "LSO";
        var byWorkbook = await _driver.RoundAsync("PARITY-XL-" + app.Kind, state);
        var online = await _driver.RoundAsync("PARITY-ON-" + app.Kind, state);
        using var api = await _driver.FocalPointAsync(state);
        using var form = await _driver.SignedInFormAsync(CollectionDriver.FocalEmail(state), CollectionDriver.FocalPassword);
        var content = Content(await DocumentAsync(form, Path(online, state, "en")), "LS-1");

        var template = await api.GetByteArrayAsync($"/api/v1/rounds/{byWorkbook}/template.xlsx?state={state}");
        var workbook = WorkbookFiller.Fill(template, [content[Questionnaire.CasesSheet]], [content[Questionnaire.MeasuresSheet]], book =>
        {
            foreach (var (sheet, _) in Questionnaire.DetailSheets)
            {
                WorkbookFiller.AppendRows(book, sheet, [content[sheet]]);
            }

            var legal = content[Questionnaire.LegalFrameworkSheet];
            var row = Questionnaire.FirstDataRow + QuestionIndex(legal[0]!);
            for (var c = 2; c < legal.Length; c++)
            {
                if (legal[c] is { } text)
                {
                    SetCell(book, Questionnaire.LegalFrameworkSheet, row, Questionnaire.Column(c), text);
                }
            }
        });
        await CollectionDriver.CreatedIdAsync(await CollectionDriver.UploadAsync(api, byWorkbook, state, workbook));
        var submitted = await PostAsync(form, Path(online, state, "es", "Submit"), Fields(state, content, CultureInfo.GetCultureInfo("es")));
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await submitted.Content.ReadAsStringAsync());

        var (excel, web) = (await StoredAsync(byWorkbook), await StoredAsync(online));
        Assert.Equal(excel, web);
        // A case, a measure, a row in each of the five detail sheets and an answer of the legal framework.
        Assert.Equal(8, excel.Count);
    }

    /// <summary>Every stored row of a round's answer, as text (ids and the answer's own identity left out), in a stable order.</summary>
    private async Task<List<string>> StoredAsync(int round) => await _driver.QueryAsync(async db =>
    {
        var s = await db.Submissions.AsNoTracking().Include(x => x.Cases).Include(x => x.Measures).Include(x => x.Details).Include(x => x.LegalAnswers).SingleAsync(x => x.RoundId == round);
        return s.Cases.Select(Row).Concat(s.Measures.Select(Row)).Concat(s.Details.Select(Row)).Concat(s.LegalAnswers.Select(Row)).Order(StringComparer.Ordinal).ToList();
    });

    private static string Row<T>(T item)
    {
        var values = typeof(T).GetProperties().Where(p => p.Name is not ("Id" or "SubmissionId") && (p.PropertyType.IsValueType || p.PropertyType == typeof(string)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.GetValue(item) switch
            {
                decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
                null => "null",
                var v => Convert.ToString(v, CultureInfo.InvariantCulture),
            });
        return typeof(T).Name + "|" + (item is SubmittedDetail detail ? detail.Sheet + "|" : string.Empty) + string.Join("|", values);
    }

    private static void SetCell(SpreadsheetDocument book, string sheet, int rowIndex, string column, string text)
    {
        var row = WorkbookFiller.Sheet(book, sheet).Elements<Row>().Single(r => r.RowIndex?.Value == (uint)rowIndex);
        var reference = column + rowIndex.ToString(CultureInfo.InvariantCulture);
        row.Elements<Cell>().SingleOrDefault(c => c.CellReference == reference)?.Remove();
        var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
        var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(c.CellReference!.Value!, reference) < 0);
        if (after is null)
        {
            row.PrependChild(cell);
        }
        else
        {
            row.InsertAfter(cell, after);
        }
    }
}

public sealed class SqliteOnlineAnswerTests(SqliteApp app) : OnlineAnswerTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOnlineAnswerTests(PostgresApp app) : OnlineAnswerTests(app), IClassFixture<PostgresApp>;
