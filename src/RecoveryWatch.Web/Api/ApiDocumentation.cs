using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;
using Scalar.AspNetCore;

namespace RecoveryWatch.Web.Api;

/// <summary>
/// The OpenAPI document of <c>/api/v1</c> (at <c>/openapi/v1.json</c>) and the human reference that reads it (Scalar, at
/// <c>/api/docs</c>). The case filters are bound by <see cref="Infrastructure.CaseFilterBinder"/> from the raw query string, so
/// the framework cannot see them; they are declared here, and a test checks that the binder reads every name declared.
/// </summary>
public static class ApiDocumentation
{
    public const string DocsPath = "/api/docs";
    public const string DocumentPath = "/openapi/v1.json";

    public const string Description =
        "Open data of **Asset Recovery Watch**, the database of international asset-recovery cases kept by the Secretariat for the "
        + "Working Group on Asset Recovery of the Conference of the States Parties to the United Nations Convention against Corruption "
        + "(UNCAC chapter V; COSP resolution 8/9).\n\n"
        + "Reading published cases, the statistics and the exports needs no account; callers see the public fields of published cases "
        + "only. Signed-in users send `Authorization: Bearer <accessToken>` with the token from `POST /api/v1/identity/login` "
        + "(renewed with `POST /api/v1/identity/refresh`) and see what their role and States allow.\n\n"
        + "Codes (stages, asset types, offences, legal routes, States, challenges…) are explained, with labels in Arabic, Chinese, "
        + "English, French, Russian and Spanish, by the codebook: [`/api/v1/codebook`](/api/v1/codebook) and the page [`/codebook`](/codebook). "
        + "The exports add the labels beside the codes with `labels=true&lang=fr`.\n\n"
        + "Errors are RFC 9457 problem details (`application/problem+json`); a validation error (400) names each wrong field or query "
        + "parameter in `errors` (`errors.stage`, `errors[\"measures[2].amount\"]`); a conflicting change is a 409.\n\n"
        + "This document as JSON: [`/openapi/v1.json`](/openapi/v1.json).";

    private sealed record Filter(string Name, JsonSchemaType Type, string Description, JsonNode Example, IReadOnlyList<string>? Codes = null, string? Minimum = null, string? Maximum = null);

    /// <summary>Every query parameter <see cref="Infrastructure.CaseFilterBinder"/> reads, in its order.</summary>
    private static IReadOnlyList<Filter> Filters()
    {
        var catalog = ReferenceCatalog.Default;
        return
        [
            new("q", JsonSchemaType.String, "Free text over title and summary (first 200 characters used).", "Abacha"),
            new("state", JsonSchemaType.String, "A State involved in the case, ISO 3166-1 alpha-3 (EUU for the European Union); see the codebook list `states`.", "NGA"),
            new("role", JsonSchemaType.String, "The role of `state` in the case (codebook `stateRoles`).", "Requested", Names<StateRole>()),
            new("region", JsonSchemaType.String, "UN regional group of a State involved (codebook `regionalGroups`).", "African", Names<RegionalGroup>()),
            new("stage", JsonSchemaType.String, "Cases that reached this stage (a counted figure for it; codebook `stages`). With yearFrom/yearTo: reached it in those years.", "Frozen", Names<Stage>()),
            new("assetType", JsonSchemaType.String, "Cases with counted figures on this kind of asset, of `stage` when given (codebook `assetTypes`).", "BankFunds", Names<AssetType>()),
            new("challenge", JsonSchemaType.String, "Cases that met this challenge (codebook `challenges`; the Secretariat extends the taxonomy).", "DualCriminality"),
            new("requesting", JsonSchemaType.String, "Requesting State (State of origin), ISO 3166-1 alpha-3.", "NGA"),
            new("requested", JsonSchemaType.String, "Requested State (where the assets are), ISO 3166-1 alpha-3.", "CHE"),
            new("route", JsonSchemaType.String, "Legal route, UNCAC arts. 53–57 (codebook `legalRoutes`).", "Art54_1c", [.. catalog.LegalRoutes.Keys.Order(StringComparer.Ordinal)]),
            new("offence", JsonSchemaType.String, "Offence, UNCAC arts. 15–25 (codebook `offences`).", "Art17", [.. catalog.Offences.Keys.Order(StringComparer.Ordinal)]),
            new("yearFrom", JsonSchemaType.Integer, "Cases with a counted figure in this year or later (with `stage`: the year the case reached it).", 2010, Minimum: "1900", Maximum: "9999"),
            new("yearTo", JsonSchemaType.Integer, "Cases with a counted figure in this year or earlier (with `stage`: the year the case reached it).", 2024, Minimum: "1900", Maximum: "9999"),
            new("minUsd", JsonSchemaType.Number, "Smallest US-dollar amount (non-negative, invariant culture: 1000000.50).", 1000000, Minimum: "0"),
            new("maxUsd", JsonSchemaType.Number, "Largest US-dollar amount.", 50000000, Minimum: "0"),
            new("sort", JsonSchemaType.String, "Order of the results (default Latest).", "Latest", Names<CaseSort>()),
            new("page", JsonSchemaType.Integer, "Page number, from 1.", 1, Minimum: "1", Maximum: "1000000"),
            new("pageSize", JsonSchemaType.Integer, "Results per page (default 25).", 25, Minimum: "1", Maximum: SearchCases.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("cursor", JsonSchemaType.String, "Instead of `page`: the `nextCursor` of the previous answer (opaque; same filters and sort). Keyset paging: a deep page costs the same as the first. "
                + "A cursor that is not one, or of another sort, or given with `page`, is a 400 naming `cursor`.", "eyJTIjoiTGF0ZXN0IiwiSSI6MTIzLCJZIjoyMDE5LCJUIjpudWxsfQ"),
        ];
    }

    /// <summary>The names of the query parameters declared for the case search and the exports.</summary>
    public static IReadOnlyList<string> FilterNames => [.. Filters().Select(f => f.Name)];

    private static string[] Names<TEnum>()
        where TEnum : struct, Enum => Enum.GetNames<TEnum>();

    public static IServiceCollection AddRecoveryWatchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "RecoveryWatch API", Version = "v1", Description = Description };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The accessToken of POST /api/v1/identity/login; valid one hour.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DescribeCaseQueriesAsync);
        });

    private static async Task DescribeCaseQueriesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath?.TrimEnd('/');
        var isExport = path == "api/v1/export/cases.{format}";
        if (context.Description.HttpMethod != "GET" || (path != "api/v1/cases" && !isExport))
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var filter in Filters().Where(f => !isExport || f.Name is not ("page" or "pageSize" or "cursor")))
        {
            operation.Parameters.Add(Parameter(filter.Name, filter.Description, filter.Example, new OpenApiSchema
            {
                Type = filter.Type,
                Enum = filter.Codes is null ? null : [.. filter.Codes.Select(c => (JsonNode)JsonValue.Create(c))],
                Minimum = filter.Minimum,
                Maximum = filter.Maximum,
            }));
        }

        if (isExport)
        {
            operation.Parameters.Add(Parameter("labels", "true: beside each coded column a <column>_label column (JSON: a labels object per case).", true,
                new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false }));
            operation.Parameters.Add(Parameter("lang", "Language of the labels; default: the request's language (?culture=, cookie, Accept-Language).", "fr",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Languages.All.Select(l => (JsonNode)JsonValue.Create(l))] }));
        }

        var problem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), cancellationToken: cancellationToken);
        operation.Responses ??= [];
        operation.Responses["400"] = Problem("A query parameter is not valid; errors names it.", problem,
            new JsonObject
            {
                ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                ["title"] = "The request has errors.",
                ["status"] = 400,
                ["errors"] = new JsonObject { ["stage"] = new JsonArray("'Frozn' is not a known code.") },
            });
        if (isExport)
        {
            operation.Responses["404"] = Problem("The format is not csv, xlsx or json.", problem,
                new JsonObject { ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.5", ["title"] = "Not found.", ["status"] = 404 });
        }
    }

    private static OpenApiParameter Parameter(string name, string description, JsonNode example, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Example = example,
        Schema = schema,
    };

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema, JsonNode example) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = schema, Example = example },
        },
    };

    /// <summary>The reference page, served with its scripts from this application (no CDN, no telemetry, no web fonts).</summary>
    public static void MapApiDocs(this WebApplication app)
    {
        app.MapScalarApiReference(DocsPath, (o, http) =>
        {
            // The reference needs JavaScript; without it the reader still gets the document itself and the codebook.
            var l = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
            o.HeaderContent = $"<noscript><p><a href=\"{DocumentPath}\">{encode.Encode(l["Layout.OpenApiJson"])}</a> · "
                + $"<a href=\"/codebook\">{encode.Encode(l["Codebook.Title"])}</a></p></noscript>";
            o.Title = "RecoveryWatch API";
            o.OpenApiRoutePattern = DocumentPath;
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.DynamicNonce = true;
        }).AllowAnonymous();
    }

    /// <summary>
    /// The site's policy forbids inline script and style. Scalar's page starts with one inline module script (carrying a fresh
    /// nonce) and styles its components at run time, so on <c>/api/docs</c> only: that nonce, and inline styles. Everything
    /// else stays 'self'; no other page is affected.
    /// </summary>
    public static IApplicationBuilder UseApiDocsSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DocsPath))
            {
                context.Response.OnStarting(() =>
                {
                    var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) ? value as string : null;
                    var script = nonce is null ? "'self'" : $"'self' 'nonce-{nonce}'";
                    context.Response.Headers.ContentSecurityPolicy =
                        $"default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
                        + "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
                    return Task.CompletedTask;
                });
            }

            await next();
        });
}
