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
    int Interactions);

internal sealed record ContactView(int Id, string Name, string? Email, string? Phone, string? Language);

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
    IReadOnlyList<ContactView> Contacts);
