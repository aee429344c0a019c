using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecoveryWatch.Web.Pages;

/// <summary>The home page is the case search for now; the address stays so that a portal home can replace it.</summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/cases" + Request.QueryString);
}
