using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CalmDesk.Customers;

/// <summary>What a customer's editable details looked like when someone read them, in 16 hex digits: the edit form
/// sends back the stamp of the copy it was opened on, and the API takes it as <c>If-Match</c>, so a save made on a copy
/// that someone else has saved over since is refused instead of silently undoing their change. Only the details a
/// person edits count: a message, a contact or a figure worked out in the background changes no stamp.</summary>
internal static class CustomerStamp
{
    public static string Of(Customer c) =>
        Of(c.ExternalId, c.Company, c.Segment, c.Status, c.PreferredLanguage, c.Currency, c.AssignedRepId, c.ContractRenewalDate, c.Country, c.TimeZone, c.PostalAddress);

    public static string Of(CustomerDetail c) =>
        Of(c.ExternalId, c.Company, c.Segment, c.Status, c.PreferredLanguage, c.Currency, c.AssignedRepId, c.ContractRenewalDate, c.Country, c.TimeZone, c.PostalAddress);

    private static string Of(
        string? externalId, string company, string? segment, CustomerStatus status, string language, string currency, int? repId,
        DateOnly? renewal, string? country, string? timeZone, string? address)
    {
        // Each value with its length, so no two different sets of details write the same text.
        var text = new StringBuilder();
        foreach (var value in new[]
        {
            externalId, company, segment, status.ToString(), language, currency, repId?.ToString(CultureInfo.InvariantCulture),
            renewal?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), country, timeZone, address,
        })
        {
            text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
