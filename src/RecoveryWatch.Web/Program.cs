using Microsoft.AspNetCore.Diagnostics;
using RecoveryWatch.Data;
using RecoveryWatch.Web;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Cli;
using RecoveryWatch.Web.Infrastructure;
using RecoveryWatch.Web.Pages.GoodPractices;
using RecoveryWatch.Web.Pages.Statistics;

var (configurationArgs, verbArgs) = CommandLine.Split(args);
// A published app finds its own wwwroot and settings wherever it is started from (see ContentRoot).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = configurationArgs,
    ContentRootPath = ContentRoot.Choose(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});
// Every SQL command at Information would drown the verbs' output and slow bulk work, whatever the content root's settings.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

builder.Services.AddRecoveryWatchData(builder.Configuration);
builder.Services.AddRecoveryWatchLocalization();
builder.Services.AddRecoveryWatchIdentity();
builder.Services.AddRecoveryWatchAuthorization();
builder.Services.AddSignInRateLimit(builder.Configuration);
// Migrations, reference data and the administrator, side by side with the server's start; requests wait at UseStartupGate.
builder.Services.AddStartupInitialization(builder.Configuration);
builder.Services.AddHostedService<SilenceSweep>();
// No upload in this app needs more than 32 MB; larger bodies are refused before they are read.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 32 * 1024 * 1024);
builder.Services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization(o =>
    o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedMvcOptions>();
builder.Services.ConfigureHttpJsonOptions(o => JsonOptions.Configure(o.SerializerOptions));
// A body that is not valid JSON of the expected shape reaches the problem handler, which names the field.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
// Arabic, Chinese and Cyrillic text is sent as characters, not as &#x…; entities: pages stay readable and small on slow links.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddRecoveryWatchOpenApi();
builder.Services.AddRecoveryWatchCompression();
builder.Services.AddPublicReadCaching(builder.Configuration);

var app = builder.Build();

if (verbArgs.Length > 0)
{
    return await CommandLine.RunAsync(app, verbArgs);
}

// The database's initialisation runs from here on, beside the pipeline's set-up and the server's start.
app.Services.GetRequiredService<StartupInitialization>().Begin();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// First, so that error pages re-executed below keep the language of the request that failed.
app.UseRequestLocalization();
app.UseResponseCompression();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/error",
});
// API callers get problem details for bare status codes; people get a page in their language.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
app.UseSecurityHeaders();
app.UseApiDocsSecurityHeaders();
app.UseUnreadableFormCheck();
app.UseStaticFiles();
app.UseNoHttpsCompressionWhenSignedIn();
app.UseRouting();
app.UseStartupGate();
app.UseAuthentication();
// Once the caller is known and before anything reads: an anonymous GET of a public read goes to the read replica, if any.
app.UseReplicaForPublicReads();
// Between the two: authorization must see the account as it is now, not as the cookie or token remembers it.
app.UseMiddleware<AccountRevalidation>();
app.UseAuthorization();
app.UseRateLimiter();
// After authorization: whether a read may be shared depends on who asks.
app.UsePublicReadCaching();

app.MapGet("/healthz", HealthEndpoint.CheckAsync).AllowAnonymous().ExcludeFromDescription();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapApiDocs();
// Every page and /api/v1 endpoint needs a signed-in user unless it says [AllowAnonymous] / AllowAnonymous(): a new page
// or endpoint is closed until someone decides who may see it. (Not a fallback policy, which would also challenge
// requests for addresses that do not exist instead of answering 404.)
var api = app.MapGroup("/api/v1").RequireAuthorization();
// The open data: the API's anonymous GETs may be answered from the read replica (ReplicaReads); the rest stays on the primary.
api.ReadsFromReplica();
api.MapIdentityEndpoints();
api.MapCaseEndpoints();
api.MapExportEndpoints();
api.MapMeetingEndpoints();
api.MapRoundEndpoints();
api.MapStatisticsEndpoints();
api.MapChartDownloads();
api.MapExchangeRateEndpoints();
api.MapLegalFrameworkEndpoints();
api.MapChallengeEndpoints();
api.MapTechnicalAssistanceEndpoints();
api.MapGoodPracticeEndpoints();
api.MapCodebookEndpoints();
app.MapPracticeFeed();
app.MapLanguageSwitcher();
app.MapRazorPages().RequireAuthorization();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program
{
}
