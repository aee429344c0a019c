namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// A form whose field carries a NUL character (%00) cannot be read by ASP.NET Core's form reader at all: it refuses the
/// whole form with a bare 400 before any page or rule sees it, so the person would not know which field to fix. This
/// finds the field first and answers 400 with the error page naming it (nothing is read further, so nothing is stored).
/// Multipart forms carry text as it is and reach the rules, which refuse control characters field by field.
/// </summary>
public static class UnreadableForms
{
    /// <summary>Where the name of the refused field is left for the error page (the re-executed request shares the context).</summary>
    public const string FieldKey = "RecoveryWatch.UnreadableFormField";

    /// <summary>Forms larger than this are left to the framework's limits.</summary>
    private const long MaxInspectedBytes = 4 * 1024 * 1024;

    public static IApplicationBuilder UseUnreadableFormCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // The error page is re-executed with the same request: it must not be refused again.
        if (HttpMethods.IsPost(request.Method) && !context.Items.ContainsKey(FieldKey)
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is > 0 and <= MaxInspectedBytes)
        {
            request.EnableBuffering();
            string body;
            using (var reader = new StreamReader(request.Body, System.Text.Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }

            request.Body.Position = 0;
            foreach (var pair in body.Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && pair.AsSpan(equals).Contains("%00", StringComparison.OrdinalIgnoreCase))
                {
                    context.Items[FieldKey] = Uri.UnescapeDataString(pair[..equals].Replace('+', ' '));
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }
        }

        await next(context);
    });
}
