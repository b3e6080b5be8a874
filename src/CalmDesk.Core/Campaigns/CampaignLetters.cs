using System.Globalization;
using CalmDesk.Customers;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;

namespace CalmDesk.Campaigns;

/// The announcement in the customer's language and the rep's talking points in the rep's, both from `letters.md`.
internal static class CampaignLetters
{
    public static Letter Announcement(PlaybookLibrary library, Campaign campaign, Addressee customer, decimal volume, int invoices)
    {
        var values = Values(library, campaign, customer, volume, invoices, customer.Language, today: null);
        List<IReadOnlyList<string>> paragraphs =
        [
            ["announcement", .. campaign.ReasonList.Select(r => "reason-" + r), "announcement-held"],
            invoices > 0 ? ["announcement-volume"] : [],
            campaign.OrderThreshold is not null ? ["announcement-offer"] : [],
            [.. campaign.CompetitorPercent is not null ? ["announcement-competition-rise"] : Array.Empty<string>(),
             .. string.IsNullOrWhiteSpace(campaign.CompetitorNote) ? Array.Empty<string>() : ["announcement-competition"]],
        ];
        return LetterWriter.Write(library, customer.Language, "announcement-subject", paragraphs, values, campaign.Id ^ customer.CustomerId);
    }

    /// What the rep can say on the phone, in the rep's language: the customer's volume, the offer that fits it, the
    /// time left to order at today's price, the competitors' move and the reasons.
    public static IReadOnlyList<string> TalkingPoints(
        PlaybookLibrary library, Campaign campaign, Addressee customer, decimal volume, int invoices, string language, DateOnly today)
    {
        var values = Values(library, campaign, customer, volume, invoices, language, today);
        values["reasons"] = string.Join(" ", campaign.ReasonList.Select(r => LetterWriter.Section(library, language, "reason-" + r, values, campaign.Id)));
        List<string> sections = [invoices > 0 ? "talk-volume" : "talk-no-volume"];
        if (campaign.OrderThreshold is not null)
        {
            sections.Add("talk-offer");
        }

        if (campaign.EffectiveOn > today)
        {
            sections.Add("talk-before");
        }

        if (campaign.CompetitorPercent is not null)
        {
            sections.Add("talk-competition");
        }

        sections.Add("talk-reasons");
        return [.. sections.Select(s => LetterWriter.Section(library, language, s, values, campaign.Id))];
    }

    private static Dictionary<string, string> Values(
        PlaybookLibrary library, Campaign campaign, Addressee customer, decimal volume, int invoices, string language, DateOnly? today)
    {
        var culture = Languages.CultureOrInvariant(language, customer.Country);
        var scope = new Dictionary<string, string>(StringComparer.Ordinal) { ["scope"] = campaign.Scope };
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact"] = customer.Contact ?? customer.Company,
            [Salutation.GenderKey] = customer.Contact is null ? "" : customer.ContactGender ?? "",
            ["rep"] = customer.RepName ?? "",
            ["company"] = customer.Company,
            ["change"] = LetterWriter.Section(library, language, campaign.Scope.Length == 0 ? "change-all" : "change-scope", scope, campaign.Id),
            ["percent"] = Percent(campaign.Percent, culture),
            ["effective"] = campaign.EffectiveOn.ToString("d", culture),
            ["volume"] = Money.Format(volume, campaign.Currency, culture),
            ["orders"] = invoices.ToString(culture),
            ["average"] = Money.Format(invoices > 0 ? Math.Round(volume / invoices, 2) : 0, campaign.Currency, culture),
            ["threshold"] = campaign.OrderThreshold is { } threshold ? Money.Format(threshold, campaign.Currency, culture) : "",
            ["better_rate"] = campaign.BetterRatePercent is { } rate ? Percent(rate, culture) : "",
            ["competitor_percent"] = campaign.CompetitorPercent is { } competitors ? Percent(competitors, culture) : "",
            ["competition"] = campaign.CompetitorNote?.Trim() ?? "",
            ["days"] = today is { } day ? Math.Max(0, campaign.EffectiveOn.DayNumber - day.DayNumber).ToString(culture) : "",
        };
    }

    private static string Percent(decimal value, CultureInfo culture) => value.ToString("0.##", culture);
}
