using System.Security.Claims;
using CalmDesk.Accounts;

namespace CalmDesk.Audit;

/// <summary>The audit log's actor in the web host: the request's signed-in user, named by e-mail, and marked when the
/// request came with an API token. Read from the request itself, so a page component's own service scope logs the same
/// person as the request's.</summary>
internal sealed class RequestActor(IHttpContextAccessor http) : ISignedInActor
{
    public (string UserId, string Name)? Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
            {
                return null;
            }

            var name = user.Identity.Name ?? id;
            return (id, ApiTokenAuthentication.IsViaToken(user) ? name + " (API)" : name);
        }
    }
}
