using CalmDesk.Customers;
using CalmDesk.Receivables;
using Microsoft.Extensions.Options;

namespace CalmDesk.Infrastructure;

/// The time zones a page shows times in: the reader's own (chosen on the account page, carried as a claim),
/// or the business's (`Receivables:TimeZone`, the server's when unset) for anyone who has not chosen.
internal sealed class Zones(IHttpContextAccessor http, IOptions<ReceivablesOptions> business)
{
    public const string ClaimType = "calmdesk:tz";

    public TimeZoneInfo Business => business.Value.Zone;

    public TimeZoneInfo Reader => TimeZones.Or(http.HttpContext?.User.FindFirst(ClaimType)?.Value, Business);
}
