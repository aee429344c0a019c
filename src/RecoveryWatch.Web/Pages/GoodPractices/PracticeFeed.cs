using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.GoodPractices;

/// <summary>
/// The Atom feed (RFC 4287) of published good practices, newest first, so that the UNODC website and readers can follow the
/// collection. Published practices only, whoever asks: a feed is cached and forwarded beyond any session.
/// </summary>
public static class PracticeFeed
{
    public const string Path = "/good-practices/feed.atom";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapPracticeFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, WriteAsync).AllowAnonymous().ExcludeFromDescription().ReadsFromReplica();
        return app;
    }

    private static async Task<IResult> WriteAsync(HttpContext http, PracticeQueries queries, ChallengeTaxonomy taxonomy, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        var practices = await queries.FeedAsync(ct);
        var challenges = await taxonomy.GetAsync(ct);
        var language = Localization.CurrentLanguage;
        var site = $"{http.Request.Scheme}://{http.Request.Host}";
        var updated = practices.Count == 0 ? DateTimeOffset.UnixEpoch : practices.Max(p => p.UpdatedAt!.Value);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", language),
            new XElement(Atom + "id", site + Path),
            new XElement(Atom + "title", localizer["Practices.FeedTitle"].Value),
            new XElement(Atom + "subtitle", localizer["Practices.Intro"].Value),
            new XElement(Atom + "updated", Stamp(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", localizer["App.Name"].Value)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", site + Path)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", site + "/good-practices")),
            practices.Select(p => Entry(p, site, language, challenges, localizer)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = true }))
        {
            await document.SaveAsync(writer, ct);
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static XElement Entry(GoodPracticeDocument p, string site, string language, ChallengeCatalog challenges, IStringLocalizer localizer)
    {
        var url = site + "/good-practices/" + p.Id!.Value.ToString(CultureInfo.InvariantCulture);
        var author = p.State is null ? localizer["Practices.Secretariat"].Value : ReferenceCatalog.Default.StateName(p.State, language);
        return new XElement(Atom + "entry",
            new XAttribute(XNamespace.Xml + "lang", p.Language!),
            new XElement(Atom + "id", url),
            new XElement(Atom + "title", p.Title),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", url)),
            new XElement(Atom + "published", Stamp(p.PublishedAt ?? p.UpdatedAt!.Value)),
            new XElement(Atom + "updated", Stamp(p.UpdatedAt!.Value)),
            new XElement(Atom + "author", new XElement(Atom + "name", author)),
            (p.Stages ?? []).Select(s => new XElement(Atom + "category", new XAttribute("term", s!.Value.ToString()), new XAttribute("label", ReferenceCatalog.Default.Stages[s.Value.ToString()].Name(language)))),
            (p.Challenges ?? []).Select(c => new XElement(Atom + "category", new XAttribute("term", c!), new XAttribute("label", challenges.Name(c!, language)))),
            new XElement(Atom + "summary", p.Summary),
            // The same sanitised HTML as the page (PracticeMarkdown), escaped as Atom's type="html" content requires.
            new XElement(Atom + "content", new XAttribute("type", "html"), p.BodyHtml));
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
