namespace CalmDesk.Customers;

internal sealed record CustomerRow(
    int Id,
    string Company,
    string? Segment,
    CustomerStatus Status,
    string PreferredLanguage,
    string Currency,
    int? AssignedRepId,
    string? AssignedRepName,
    DateOnly? ContractRenewalDate,
    DateTimeOffset? LastInteractionAt,
    int Interactions)
{
    /// <summary>Mood of the customer's latest inbound message, if analysed.</summary>
    public CustomerMood? Mood { get; init; }
}

/// <summary>The latest inbound message's anger, and its trend: the mean of the last three inbound messages
/// minus the mean of the three before (positive: getting angrier).</summary>
internal sealed record CustomerMood(double LatestAnger, CalmDesk.Analysis.AngerLevel LatestLevel, bool LatestAbusive, double? Trend);

internal sealed record ContactView(int Id, string Name, string? Email, string? Phone, string? Language)
{
    /// "female" or "male" when known.
    public string? Gender { get; init; }
}

internal sealed record CustomerDetail(
    int Id,
    string? ExternalId,
    string Company,
    string? Segment,
    CustomerStatus Status,
    string PreferredLanguage,
    string Currency,
    int? AssignedRepId,
    string? AssignedRepName,
    DateOnly? ContractRenewalDate,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ContactView> Contacts)
{
    /// ISO 3166-1 alpha-2, or null for the language's usual country.
    public string? Country { get; init; }

    /// IANA time zone, or null for the business's.
    public string? TimeZone { get; init; }

    /// Where letters go, one line per line of the address.
    public string? PostalAddress { get; init; }

    /// When the customer's personal data was erased; the row stays, anonymised, for its invoices.
    public DateTimeOffset? ErasedAt { get; init; }

    /// The stamp of these details (<see cref="CustomerStamp"/>): send it back with a change to have the change refused
    /// if someone else has saved the customer since.
    public string Stamp => CustomerStamp.Of(this);
}
