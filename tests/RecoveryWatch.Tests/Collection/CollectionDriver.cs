using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Auditing;
using RecoveryWatch.Collection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>What the collection tests do again and again over HTTP: a round, a focal point, a filled-in workbook, an upload,
/// a page's anti-forgery token, the audit chain checked.</summary>
public sealed partial class CollectionDriver(RecoveryWatchApp app)
{
    public const string FocalPassword = "Focal-point-password-2026";

    public async Task<int> RoundAsync(string code, params string[] states)
    {
        using var admin = await app.SecretariatClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/rounds", new { code, title = "Collection " + code, mandate = "resolution 8/9", periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-06-30T00:00:00Z", states });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static string FocalEmail(string state) => $"driver.{state.ToLowerInvariant()}@collection.test";

    public async Task<HttpClient> FocalPointAsync(string state)
    {
        await EnsureUserAsync(FocalEmail(state), Roles.FocalPoint, state);
        return await app.BearerClientAsync(FocalEmail(state), FocalPassword);
    }

    public async Task EnsureUserAsync(string email, string role, string? state = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByEmailAsync(email) is null)
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(new SaveUserRequest { Email = email, Role = role, States = state is null ? [] : [state] }, FocalPassword, "test");
        }
    }

    /// <summary>The State's template for the round, filled in with one case and its freezing (or the given rows).</summary>
    public static async Task<byte[]> WorkbookAsync(HttpClient client, int round, string state, IEnumerable<string?[]> cases, IEnumerable<string?[]> measures)
    {
        var template = await client.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state={state}");
        return WorkbookFiller.Fill(template, cases, measures);
    }

    public static Task<byte[]> OneCaseAsync(HttpClient client, int round, string state, string reference, string title, string counterpart, string role = "Requesting", string amount = "1000000", string currency = "USD") =>
        WorkbookAsync(client, round, state, [[null, reference, title, counterpart, role, "Art17", "", ""]], [[reference, "Frozen", "BankFunds", amount, currency, "2016-05", null, null]]);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, int round, string state, byte[] file, bool replace = false, string name = "answer.xlsx")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(SubmissionTemplate.ContentType);
        content.Add(part, "file", name);
        return client.PostAsync($"/api/v1/rounds/{round}/submissions/{state}" + (replace ? "?replace=true" : string.Empty), content);
    }

    public static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Sends the same request <paramref name="count"/> times at once, as eight clicks or two app instances would.</summary>
    public static Task<HttpResponseMessage[]> AtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> request) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(request).ToList());

    public async Task<T> QueryAsync<T>(Func<RecoveryWatch.Data.RecoveryWatchDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RecoveryWatch.Data.RecoveryWatchDbContext>());
    }

    public async Task AssertAuditIntactAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync();
        Assert.True(result.Intact, $"Audit chain broken at entry {result.BrokenAt}: {result.Reason}");
    }

    public Task<int> AuditCountAsync(string action, string entityType, string entityId) =>
        QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == entityType && a.EntityId == entityId));

    /// <summary>A cookie-signed-in browser without JavaScript, for the pages.</summary>
    public async Task<FormClient> SignedInFormAsync(string email, string password)
    {
        var form = new FormClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await form.SignInAsync(email, password);
        return form;
    }

    /// <summary>The anti-forgery token of a page, read once, as a browser holds it before its user clicks (once or eight times).</summary>
    public static async Task<string> TokenAsync(FormClient form, string path)
    {
        var page = await form.Http.GetStringAsync(path);
        var token = TokenField().Match(page);
        Assert.True(token.Success, $"No anti-forgery token on {path}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostFormAsync(FormClient form, string path, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        form.Http.PostAsync(path, new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token))));

    /// <summary>The round page's upload form, as a browser sends it (multipart, with the token).</summary>
    public static Task<HttpResponseMessage> PostUploadAsync(FormClient form, string path, string token, string state, byte[] file, int? replaces = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(state), "State" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(SubmissionTemplate.ContentType);
        content.Add(part, "Workbook", "answer.xlsx");
        if (replaces is { } id)
        {
            content.Add(new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Replaces");
        }

        return form.Http.PostAsync(path, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
