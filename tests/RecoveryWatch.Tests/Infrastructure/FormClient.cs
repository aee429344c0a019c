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

    /// <summary>GETs <paramref name="page"/> and submits the form on it that posts to <paramref name="action"/> with that
    /// form's own anti-forgery token, as clicking its button does (the sign-out form at the top of every page).</summary>
    public async Task<HttpResponseMessage> SubmitFormOnPageAsync(string page, string action)
    {
        var html = await client.GetStringAsync(page);
        var form = Regex.Match(html, $"<form([^>]*action=\"{Regex.Escape(action)}\"[^>]*)>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"No form posting to {action} on {page}");
        Assert.Contains("method=\"post\"", form.Groups[1].Value, StringComparison.Ordinal);
        var token = TokenField().Match(form.Groups[2].Value);
        Assert.True(token.Success, $"The form posting to {action} on {page} carries no anti-forgery token");
        return await client.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
    }

    /// <summary>
    /// The fields a browser would submit from the first form on <paramref name="path"/> whose action matches
    /// <paramref name="action"/> (null: the form without an action, which posts to the page itself), with its current
    /// values: text inputs and hidden fields, the selected option of each list, ticked boxes, text areas.
    /// </summary>
    public async Task<List<KeyValuePair<string, string>>> ReadFormAsync(string path, string? action = null)
    {
        var html = await client.GetStringAsync(path);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var form = document.Forms.First(f => action is null ? string.IsNullOrEmpty(f.GetAttribute("action")) : f.GetAttribute("action") == action);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement input when input.Type is "submit" or "button" or "file":
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    fields.Add(new(name, option?.Value ?? string.Empty));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Posts <paramref name="fields"/> (from <see cref="ReadFormAsync"/>, changed as a person would) to
    /// <paramref name="path"/>; the anti-forgery token is among them.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    private static string StripHandler(string path) => Regex.Replace(path, "([?&])handler=[^&]*&?", "$1").TrimEnd('?', '&');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => client.Dispose();
}
