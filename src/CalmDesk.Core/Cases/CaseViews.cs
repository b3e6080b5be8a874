using CalmDesk.Analysis;
using CalmDesk.Commitments;
using CalmDesk.Interactions;

namespace CalmDesk.Cases;

internal sealed record CaseSummary(
    int Id,
    int CustomerId,
    string Company,
    string Title,
    CaseStatus Status,
    IReadOnlyList<string> Situations,
    RootCause RootCause,
    double PeakAnger,
    bool Abusive,
    int Interactions,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateOnly? FollowUpOn)
{
    public AngerLevel PeakLevel => AngerVerdict.LevelOf(PeakAnger);
}

/// Everything the case page, the guide and the drafts need about one case.
internal sealed record CaseDetail(
    int Id,
    int CustomerId,
    string Company,
    string Title,
    CaseStatus Status,
    IReadOnlyList<string> Situations,
    RootCause RootCause,
    string? FactWhat,
    string? FactWhen,
    string? FactOrder,
    string? Resolution,
    DateOnly? FollowUpOn,
    IReadOnlyList<string> GuideSteps,
    int? MergedIntoId,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    string Language,
    string? ContactName,
    string? ContactEmail,
    string? RepName,
    IReadOnlyList<InteractionView> Interactions,
    IReadOnlyList<CommitmentView> Commitments)
{
    public bool IsActive => Status is not (CaseStatus.Resolved or CaseStatus.Closed) && MergedIntoId is null;

    /// The customer's country (ISO 3166-1 alpha-2), which with the language sets how dates and money are written to them.
    public string? Country { get; init; }

    /// How the problem affected the customer's business, in their words.
    public string? FactImpact { get; init; }

    /// The contact's gender ("female", "male"), when known, for the greeting.
    public string? ContactGender { get; init; }

    /// The customer's IANA time zone; times in drafts are given in it. Null: the business's.
    public string? TimeZone { get; init; }

    /// The latest message from the customer's side (or our note of a call), whose mood the guide follows.
    public InteractionView? LatestFromCustomer =>
        Interactions.Where(i => i.Direction != Direction.Outbound && i.Analysis is not null).MaxBy(i => (i.OccurredAt, i.Id));

    public AngerLevel CurrentAnger => LatestFromCustomer?.Analysis?.Anger.Level ?? AngerLevel.Calm;

    public bool CurrentlyAbusive => LatestFromCustomer?.Analysis?.Abuse.Targeted == true;

    /// Too heated to talk resolution: the guide offers a pause.
    public bool TooHeated => CurrentAnger >= AngerLevel.Furious || CurrentlyAbusive;
}
