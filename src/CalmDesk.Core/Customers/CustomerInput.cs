using CalmDesk.Localization;

namespace CalmDesk.Customers;

/// What a person or an import may set on a customer, with the rules every entry point shares.
internal sealed record CustomerInput(
    string? Company,
    string? Segment = null,
    string? Status = null,
    string? PreferredLanguage = null,
    string? Currency = null,
    int? AssignedRepId = null,
    DateOnly? ContractRenewalDate = null,
    string? ExternalId = null,
    string? Country = null,
    string? TimeZone = null,
    string? PostalAddress = null)
{
    public const int MaxPostalAddressLength = 500;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Company is null ? null : Imports.TextEncodings.Clean(Company)))
        {
            errors["company"] = [Messages.Get("The company name is required.")];
        }
        else if (Company!.Trim().Length > 200)
        {
            errors["company"] = [Messages.Get("The company name must be at most 200 characters.")];
        }

        if (Segment is { Length: > 100 })
        {
            errors["segment"] = [Messages.Get("The segment must be at most 100 characters.")];
        }

        if (Status is not null && !TryParseStatus(Status, out _))
        {
            errors["status"] = [Messages.Format("Unknown status '{0}'; use one of {1}.", Status, string.Join(", ", Enum.GetNames<CustomerStatus>()))];
        }

        if (PreferredLanguage is not null && !Languages.IsKnown(PreferredLanguage))
        {
            errors["preferredLanguage"] = [Messages.Format("'{0}' is not an ISO 639-1 language code such as en, it or el.", PreferredLanguage)];
        }

        if (!string.IsNullOrWhiteSpace(Country) && !Languages.IsKnownCountry(Country))
        {
            errors["country"] = [Messages.Format("'{0}' is not an ISO 3166 country code such as GB, US, IT or GR.", Country)];
        }

        if (NormalisedAddress(PostalAddress) is { Length: > MaxPostalAddressLength })
        {
            errors["postalAddress"] = [Messages.Format("The postal address must be at most {0} characters.", MaxPostalAddressLength)];
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZones.IsKnown(TimeZone))
        {
            errors["timeZone"] = [Messages.Format("'{0}' is not a time zone such as Europe/London or Europe/Rome.", TimeZone)];
        }

        if (Currency is not null && !Currencies.IsKnown(Currency))
        {
            errors["currency"] = [Messages.Format("'{0}' is not an ISO 4217 currency code such as EUR or USD.", Currency)];
        }

        if (ExternalId is { Length: > 200 })
        {
            errors["externalId"] = [Messages.Get("The external id must be at most 200 characters.")];
        }

        Data.BusinessDates.Check(errors, "contractRenewalDate", ContractRenewalDate);
        return errors;
    }

    public void ApplyTo(Customer customer)
    {
        // What can hide or reverse text on screen (NUL, bidirectional overrides) has no place in a name: removed, as imports do.
        customer.Company = Imports.TextEncodings.Clean(Company!).Trim();
        customer.Segment = string.IsNullOrWhiteSpace(Segment) ? null : Imports.TextEncodings.Clean(Segment).Trim();
        if (Status is not null && TryParseStatus(Status, out var status))
        {
            customer.Status = status;
        }

        if (PreferredLanguage is not null)
        {
            customer.PreferredLanguage = PreferredLanguage.Trim().ToLowerInvariant();
        }

        if (Currency is not null)
        {
            customer.Currency = Currency.Trim().ToUpperInvariant();
        }

        // Absent keeps what is stored; an empty value clears it.
        if (Country is not null)
        {
            customer.Country = Country.Trim().Length == 0 ? null : Country.Trim().ToUpperInvariant();
        }

        if (TimeZone is not null)
        {
            customer.TimeZone = TimeZone.Trim().Length == 0 ? null : TimeZone.Trim();
        }

        if (PostalAddress is not null)
        {
            customer.PostalAddress = NormalisedAddress(PostalAddress);
        }

        customer.AssignedRepId = AssignedRepId;
        customer.ContractRenewalDate = ContractRenewalDate;
        if (!string.IsNullOrWhiteSpace(ExternalId))
        {
            customer.ExternalId = ExternalId.Trim();
        }

        customer.RefreshSearchKey();
    }

    /// One line per line of the address, trimmed, without blank ones (the post reads nothing else); null when empty.
    private static string? NormalisedAddress(string? address)
    {
        var lines = Imports.TextEncodings.Clean(address ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    public static bool TryParseStatus(string text, out CustomerStatus status) =>
        Enum.TryParse(text.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out status)
        && Enum.IsDefined(status);
}
