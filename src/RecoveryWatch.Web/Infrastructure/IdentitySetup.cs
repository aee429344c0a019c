using Microsoft.AspNetCore.Identity;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Infrastructure;

public static class IdentitySetup
{
    /// <summary>Picks the bearer scheme when the request carries a bearer token, the application cookie otherwise.</summary>
    public const string SmartScheme = "CookieOrBearer";

    public static IServiceCollection AddRecoveryWatchIdentity(this IServiceCollection services)
    {
        services.AddSingleton<IAccountLinkSender, LoggedAccountLinkSender>();
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, SmartScheme, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get status codes, not a redirect to a sign-in page.
            options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RecoveryWatchDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return services;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates the roles, and the administrator named by <c>Admin:Email</c>/<c>Admin:Password</c> if absent.</summary>
    public static async Task BootstrapAsync(IServiceProvider services, IConfiguration configuration)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        try
        {
            await services.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = email, DisplayName = "Administrator", Role = Roles.SecretariatAdmin }, password, "system:bootstrap");
        }
        catch (ValidationFailedException exception)
        {
            throw new InvalidOperationException("Admin:Email/Admin:Password could not create the administrator: " + string.Join(" ", exception.Errors.Select(e => e.Arguments.FirstOrDefault() ?? e.Code)), exception);
        }
    }
}
