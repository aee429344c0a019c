using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.LegalFrameworks;

/// <summary>A State's profile: the current validated version (or an earlier one with ?version=), its history, and for its
/// editors the open version — which the Secretariat validates or returns here.</summary>
[AllowAnonymous]
public sealed class ProfileModel(LegalFrameworkQueries queries, EditLegalFramework edit, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string State { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "version")]
    public int? VersionNumber { get; set; }

    public FrameworkProfile Profile { get; private set; } = new(string.Empty, null, []);

    /// <summary>The version shown: the current one, or the one asked for.</summary>
    public LegalFrameworkDocument? Shown { get; private set; }

    /// <summary>The open version, for those who edit the State's profile.</summary>
    public LegalFrameworkDocument? Open { get; private set; }

    public bool CanEdit { get; private set; }

    public bool CanValidate { get; private set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostValidateAsync(int openVersion, CancellationToken cancellationToken) =>
        StepAsync(() => edit.ValidateAsync(State, openVersion, User.FrameworkEditor(), cancellationToken), v => localizer["Frameworks.ValidatedNotice", v.Number].Value, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int openVersion, CancellationToken cancellationToken) =>
        StepAsync(() => edit.ReturnAsync(State, openVersion, User.FrameworkEditor(), cancellationToken), v => localizer["Frameworks.ReturnedNotice", v.Number].Value, cancellationToken);

    private async Task<IActionResult> StepAsync(Func<Task<FrameworkStepResult>> step, Func<LegalFrameworkDocument, string> notice, CancellationToken cancellationToken)
    {
        // The page is public; its two actions are the Secretariat's (handler methods cannot carry their own policy).
        if (!(await authorization.AuthorizeAsync(User, Policies.ValidateLegalFrameworks)).Succeeded)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }

        try
        {
            Notice = notice((await step()).Version);
        }
        catch (ValidationFailedException exception)
        {
            Error = string.Join(" ", exception.Errors.Select(localizer.Message));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanEdit = User.EditsFramework(State);
        CanValidate = CanEdit && User.FrameworkEditor().IsSecretariat;
        var withPeople = CanValidate;
        Profile = await queries.ProfileAsync(State, CanEdit, withPeople, cancellationToken);
        State = Profile.State;
        Shown = VersionNumber is { } number ? await queries.VersionAsync(State, number, CanEdit, withPeople, cancellationToken) : Profile.Current;
        if (CanEdit)
        {
            Open = await queries.OpenAsync(State, withPeople, cancellationToken);
        }
    }
}
