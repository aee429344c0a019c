using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RecoveryWatch.Tests.Infrastructure;

/// <summary>A browser-like client for the server-rendered pages: keeps cookies, reads the anti-forgery token of a form
/// and posts it back, as a person's browser does without JavaScript.</summary>
public sealed partial class FormClient(HttpClient client) : IDisposable
{
    public HttpClient Http => client;

    public static FormClient Create(RecoveryWatchApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>GETs the page, then posts the given fields with the page's anti-forgery token.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) => PostFormAsync(path, fields, []);

    /// <summary>As above, with repeated fields (a multiple select) as extra pairs.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>> repeated)
    {
        var page = await client.GetStringAsync(StripHandler(path));
        var token = TokenField().Match(page);
        Assert.True(token.Success, $"No anti-forgery token on {path}");
        var form = fields.Concat(repeated).Append(new KeyValuePair<string, string>("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static string StripHandler(string path) => Regex.Replace(path, "([?&])handler=[^&]*&?", "$1").TrimEnd('?', '&');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => client.Dispose();
}
