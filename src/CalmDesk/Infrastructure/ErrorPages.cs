using Microsoft.AspNetCore.Diagnostics;

namespace CalmDesk.Infrastructure;

/// Every error a page request meets is answered with a page in the user's language and a way back: exceptions,
/// status codes set by pages (404 for what is not theirs), and the framework's own empty answers (an expired form's
/// antiforgery token is a 400 with no body).
internal static class ErrorPages
{
    public const string Path = "/status";

    public static void Use(IApplicationBuilder pages) => pages
        .UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = Path + "/500",
            CreateScopeForErrors = true,
            StatusCodeSelector = StatusOf,
        })
        .UseStatusCodePagesWithReExecute(Path + "/{0}", createScopeForStatusCodePages: true)
        .Use(ShowEmptyErrorsAsync);

    /// A malformed address or form is the client's mistake (400); a write that lost a race to another user's is a
    /// conflict (409); anything else is ours (500).
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when Data.Conflicts.IsConflict(exception) => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task ShowEmptyErrorsAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page is shown, never submitted: a failed form post is re-run as a plain read.
            context.Request.Method = HttpMethods.Get;
        }

        await next();
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0)
        {
            // Nothing was written, only a content type: let the status code page write the body.
            context.Response.ContentType = null;
        }
    }
}
