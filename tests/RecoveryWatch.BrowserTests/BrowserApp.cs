using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// The application on a real Kestrel port with its own SQLite database, and Debian's Chromium driven by Playwright
/// (never a downloaded browser). One known case is added so that the flows can look for it.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@browser.test";
    public const string AdminPassword = "Browser-Test-Password-1";
    public const string KnownTitle = "Browser case: embezzled pension funds";
    public const string ChromiumPath = "/usr/lib/chromium/chromium";
    public const string KenyaRestricted = "Restricted to Kenya: names of the pension fund trustees";
    public const string PeruRestricted = "Restricted to Peru: bank account numbers in Miami";
    public const string PeruTitle = "Browser case: illicit enrichment of a former minister";

    private readonly string _folder = Directory.CreateTempSubdirectory("rw-browser-").FullName;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = string.Empty;
    public int KnownCaseId { get; private set; }
    public int PeruCaseId { get; private set; }
    public int MeetingId { get; private set; }
    public const string DelegateEmail = "delegate.fra@browser.test";
    public const string DelegatePassword = "Delegate-password-2026";
    public const string KenyaFocalEmail = "focal.ken@browser.test";
    public const string KenyaFocalPassword = "Kenya-focal-point-2026";

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

        await using (var scope = Services.CreateAsyncScope())
        {
            var save = scope.ServiceProvider.GetRequiredService<SaveCase>();
            KnownCaseId = await save.CreateAsync(new SaveCaseRequest
            {
                Title = KnownTitle,
                Summary = "Pension funds diverted by officials and placed in Swiss bank accounts.",
                Status = CaseStatus.Published,
                States =
                [
                    new CaseStateInput { State = "KEN", Role = StateRole.Requesting },
                    new CaseStateInput { State = "CHE", Role = StateRole.Requested },
                ],
                Offences = ["Art17"],
                Proceedings = [new ProceedingInput { Route = "Art55_1b", State = "CHE", Description = "Enforcement of the Kenyan order." }],
                Measures =
                [
                    new MeasureInput { Stage = Stage.Frozen, Amount = 7_500_000m, Currency = "CHF", Date = "2016-02" },
                    new MeasureInput { Stage = Stage.Confiscated, Amount = 6_000_000m, Currency = "CHF", Date = "2019" },
                    new MeasureInput { Stage = Stage.Returned, Amount = 5_000_000m, Currency = "CHF", Date = "2021-09-15" },
                ],
                Sources = [new SourceInput { Kind = SourceKind.OpenSource, Url = "https://www.example.org/press-release", Title = "Press release" }],
                Victims = [new VictimInput { Kind = VictimKind.NaturalPersons, Description = KenyaRestricted, Visibility = Visibility.Secretariat }],
            }, "browser-test");
            PeruCaseId = await save.CreateAsync(new SaveCaseRequest
            {
                Title = PeruTitle,
                Status = CaseStatus.Published,
                States =
                [
                    new CaseStateInput { State = "PER", Role = StateRole.Requesting },
                    new CaseStateInput { State = "USA", Role = StateRole.Requested },
                ],
                Offences = ["Art20"],
                Measures = [new MeasureInput { Stage = Stage.Frozen, Amount = 1_200_000m, Currency = "USD", Date = "2017" }],
                Victims = [new VictimInput { Kind = VictimKind.State, Description = PeruRestricted, Visibility = Visibility.Secretariat }],
            }, "browser-test");
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecoveryWatch.Data.RecoveryWatchDbContext>();
            MeetingId = (await RecoveryWatch.Meetings.MeetingQueries.ListAsync(db, "en", default)).Single().Id;
            await scope.ServiceProvider.GetRequiredService<RecoveryWatch.Identity.ManageUsers>().CreateAsync(
                new RecoveryWatch.Identity.SaveUserRequest { Email = DelegateEmail, Role = RecoveryWatch.Identity.Roles.Delegate, States = ["FRA"] }, DelegatePassword, "browser-test");
            await scope.ServiceProvider.GetRequiredService<RecoveryWatch.Identity.ManageUsers>().CreateAsync(
                new RecoveryWatch.Identity.SaveUserRequest { Email = KenyaFocalEmail, Role = RecoveryWatch.Identity.Roles.FocalPoint, States = ["KEN"] }, KenyaFocalPassword, "browser-test");
            await scope.ServiceProvider.GetRequiredService<RecoveryWatch.Meetings.SilenceProcedures>().CirculateAsync(
                MeetingId, "CAC/COSP/WG.2/2020/L.1", DateTimeOffset.UtcNow.AddDays(3), "browser-test");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:RecoveryWatch", $"Data Source={Path.Combine(_folder, "browser.db")}");
        builder.UseSetting("Demo", "true");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("RateLimiting:SignInPerMinute", "1000");
    }

    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temporary-file cleaning.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserFlows : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
