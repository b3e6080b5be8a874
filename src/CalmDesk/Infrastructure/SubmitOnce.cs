using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using CalmDesk.Submissions;

namespace CalmDesk.Infrastructure;

/// Every page form is posted at most once. The page puts a fresh token in each form (<see cref="Components.OnceToken"/>);
/// the first post with it claims it and runs; a second post of the same form (a double click, a reload after
/// sending, the back button) waits for the first and is sent where the first went, so nothing is recorded or sent
/// twice. A refused post (errors shown on the form) releases the token, so the corrected form can be posted.
internal sealed class SubmitOnce(RequestDelegate next)
{
    public const string Field = "__once";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public async Task InvokeAsync(HttpContext context, SubmissionLedger ledger)
    {
        var key = await KeyAsync(context);
        if (key is null)
        {
            await next(context);
            return;
        }

        if (!await ledger.ClaimAsync(key, context.RequestAborted))
        {
            var (finished, location) = await ledger.AwaitFirstAsync(key, Wait, context.RequestAborted);
            if (location is not null)
            {
                context.Response.Redirect(location);
                return;
            }

            if (!finished)
            {
                // Still running after the wait: say so instead of doing it a second time.
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return;
            }

            // The first post was refused and released the token: this one runs (and is refused the same way, or not).
            if (!await ledger.ClaimAsync(key, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch
        {
            await ledger.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (context.Response.StatusCode is StatusCodes.Status302Found or StatusCodes.Status303SeeOther && context.Response.Headers.Location.ToString() is { Length: > 0 } target)
        {
            await ledger.CompleteAsync(key, target, CancellationToken.None);
        }
        else
        {
            await ledger.ReleaseAsync(key, CancellationToken.None);
        }
    }

    /// The claim key of a signed-in user's page form post that carries a token; null for anything else.
    private static async Task<string?> KeyAsync(HttpContext context)
    {
        // A forged or expired form is refused by the page (a 400 page) and claims nothing; its form must not be read.
        if (!HttpMethods.IsPost(context.Request.Method) || ApiProblem.IsApiRequest(context)
            || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            || !context.Request.HasFormContentType
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form[Field].ToString();
        return token.Length is > 0 and <= 40 && token.All(char.IsAsciiLetterOrDigit) ? userId + ":" + token : null;
    }
}
