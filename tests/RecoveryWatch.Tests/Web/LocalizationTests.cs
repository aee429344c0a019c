using System.Globalization;
using System.Net;
using System.Resources;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>Six languages from the first page: resources complete, language chosen by ?culture=, cookie or Accept-Language,
/// Arabic right-to-left, numbers and dates formatted per culture.</summary>
public sealed class LocalizationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void Every_resource_is_translated_into_the_five_other_languages()
    {
        var manager = new ResourceManager("RecoveryWatch.Web.Resources.SharedResource", typeof(RecoveryWatch.Web.SharedResource).Assembly);
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        Assert.True(neutral.Count > 100);
        foreach (var language in Languages.All.Where(l => l != "en"))
        {
            var set = manager.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false);
            Assert.NotNull(set);
            foreach (var (key, english) in neutral)
            {
                var translated = set.GetString(key);
                Assert.False(string.IsNullOrWhiteSpace(translated), $"{key} is missing in {language}");
                foreach (var placeholder in new[] { "{0}", "{1}", "{2}" }.Where(p => english.Contains(p, StringComparison.Ordinal)))
                {
                    Assert.Contains(placeholder, translated, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [InlineData("ar", "rtl", "قضايا استرداد الموجودات")]
    [InlineData("zh", "ltr", "案件")]
    [InlineData("en", "ltr", "Asset recovery cases")]
    [InlineData("fr", "ltr", "avoirs")]
    [InlineData("ru", "ltr", "активов")]
    [InlineData("es", "ltr", "activos")]
    public async Task Search_page_is_served_in_each_language(string language, string direction, string expectedText)
    {
        var html = await app.CreateClient().GetStringAsync($"/cases?culture={language}");
        Assert.Contains($"<html lang=\"{language}\" dir=\"{direction}\">", html, StringComparison.Ordinal);
        Assert.Contains(expectedText, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_Language_chooses_the_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
        request.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9,en;q=0.5");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Contains("<html lang=\"ru\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switcher_remembers_the_choice_in_a_cookie()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var switched = await client.GetAsync("/language?culture=zh&returnUrl=%2Fcases%3Fstage%3DFrozen%26culture%3Dfr");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/cases?stage=Frozen", switched.Headers.Location?.ToString());
        Assert.Contains(".AspNetCore.Culture", string.Join(";", switched.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        var html = await client.GetStringAsync("/cases");
        Assert.Contains("<html lang=\"zh\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switcher_refuses_to_redirect_off_site()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/language?culture=fr&returnUrl=%2F%2Fevil.example%2F");
        Assert.Equal("/cases", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Synthetic_case_says_so_and_numbers_follow_the_culture()
    {
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoCases>().HandleAsync(5, 11, "test");
            var search = await scope.ServiceProvider.GetRequiredService<SearchCases>().HandleAsync(new CaseFilter(), CaseReader.Public, 1, 1, withFacets: false);
            id = search.Items[0].Id;
        }

        var en = await app.CreateClient().GetStringAsync($"/cases/{id}?culture=en");
        Assert.Contains("synthetic case made for demonstration", en, StringComparison.Ordinal);
        var fr = await app.CreateClient().GetStringAsync($"/cases/{id}?culture=fr");
        Assert.Contains("<html lang=\"fr\"", fr, StringComparison.Ordinal);
        // French groups thousands with a narrow no-break space (U+202F, which HTML encoding always writes as an entity).
        Assert.Matches("[0-9](&#x202F;|\u202F)[0-9]{3}", fr);
    }
}
