using CalmDesk.Customers;
using CalmDesk.Localization;

namespace CalmDesk.Campaigns;

/// A new price campaign as the API or the page gives it. Without customer ids it reaches every active customer the
/// manager sees that was invoiced in the campaign's currency over the last twelve months.
internal sealed record CampaignInput(
    string? Name, string? Scope, decimal? Percent, DateOnly? EffectiveOn, IReadOnlyList<string>? Reasons,
    decimal? CompetitorPercent = null, string? CompetitorNote = null, decimal? OrderThreshold = null, decimal? BetterRatePercent = null,
    string? Currency = null, IReadOnlyList<int>? CustomerIds = null)
{
    public string CurrencyOrDefault => string.IsNullOrWhiteSpace(Currency) ? "EUR" : Currency.Trim().ToUpperInvariant();

    public IReadOnlyList<string> ReasonKinds => [.. (Reasons ?? []).Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct()];

    public Dictionary<string, string[]> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > Campaign.MaxNameLength)
        {
            errors["name"] = [Messages.Format("A name is required, at most {0} characters.", Campaign.MaxNameLength)];
        }

        if (Scope is { } scope && scope.Trim().Length > Campaign.MaxScopeLength)
        {
            errors["scope"] = [Messages.Format("What changes is at most {0} characters (leave it empty for the whole price list).", Campaign.MaxScopeLength)];
        }

        if (Percent is not (> 0 and <= 100))
        {
            errors["percent"] = [Messages.Get("The rise is a percentage above 0 and at most 100.")];
        }

        if (EffectiveOn is null || EffectiveOn <= today)
        {
            errors["effectiveOn"] = [Messages.Get("The effective date is required and must be in the future: customers hear of a change before it happens.")];
        }

        var reasons = ReasonKinds;
        if (reasons.Count == 0)
        {
            // The page's reader ticks boxes with names of their own language: no internal code to decipher.
            errors["reasons"] = [Messages.Get("Tick at least one reason for the change.")];
        }
        else if (reasons.Any(r => !Campaign.ReasonKinds.Contains(r)))
        {
            errors["reasons"] = [Messages.Format("Give at least one reason, from {0}.", string.Join(", ", Campaign.ReasonKinds))];
        }

        if (CompetitorPercent is < 0 or > 100)
        {
            errors["competitorPercent"] = [Messages.Get("The competitors' rise is a percentage from 0 to 100.")];
        }

        if (CompetitorNote is { Length: > Campaign.MaxNoteLength })
        {
            errors["competitorNote"] = [Messages.Format("The competitor note is at most {0} characters.", Campaign.MaxNoteLength)];
        }

        if ((OrderThreshold is null) != (BetterRatePercent is null) || OrderThreshold is <= 0 || BetterRatePercent is not (null or (> 0 and < 100)))
        {
            errors["orderThreshold"] = [Messages.Get("A larger-order offer needs both an order amount above 0 and a discount between 0 and 100%.")];
        }

        if (!Currencies.IsKnown(CurrencyOrDefault))
        {
            errors["currency"] = [Messages.Format("'{0}' is not a known ISO 4217 currency code.", CurrencyOrDefault)];
        }

        Data.BusinessDates.Check(errors, "effectiveOn", EffectiveOn);
        return errors;
    }
}
