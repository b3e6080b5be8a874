using CalmDesk.Customers;
using CalmDesk.Interactions;

namespace CalmDesk.Cases;

/// One problem of one customer and every interaction about it, from the first angry message to the check that it stayed fixed.
internal sealed class Case : Search.ISearchable, Data.IVersioned, Health.ICustomerRecord
{
    private static readonly string[] Searched =
        [nameof(Title), nameof(FactWhat), nameof(FactWhen), nameof(FactOrder), nameof(FactImpact), nameof(Resolution)];

    public const int MaxTitleLength = 200;
    public const int MaxFactLength = 1000;

    public int Id { get; set; }

    /// Raised on every save; a concurrent save of the same version fails (<see cref="Data.IVersioned"/>).
    public int Version { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public required string Title { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Open;

    /// Comma-separated situation kinds (wrong_delivery, price_objection…): detected, or set by the rep.
    public string Situations { get; set; } = "";

    public RootCause RootCause { get; set; }

    /// The facts drawn out with questions: what happened, when, which order.
    public string? FactWhat { get; set; }

    public string? FactWhen { get; set; }

    public string? FactOrder { get; set; }

    /// How the problem has affected the customer's business, in their words (the guide asks it with the facts).
    public string? FactImpact { get; set; }

    public string? Resolution { get; set; }

    public DateOnly? FollowUpOn { get; set; }

    /// Comma-separated ids of the de-escalation steps the rep has ticked.
    public string GuideSteps { get; set; } = "";

    /// Set when this case was merged into another; its interactions moved there.
    public int? MergedIntoId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public List<Interaction> Interactions { get; set; } = [];

    public bool IsActive => Status is not (CaseStatus.Resolved or CaseStatus.Closed) && MergedIntoId is null;

    /// <see cref="IsActive"/> for a query, with the active statuses named (not "neither resolved nor closed") so the
    /// database finds them from its index on status instead of reading every case.
    public static readonly System.Linq.Expressions.Expression<Func<Case, bool>> Active = c =>
        c.MergedIntoId == null && (c.Status == CaseStatus.Open || c.Status == CaseStatus.WaitingOnUs || c.Status == CaseStatus.WaitingOnCustomer);

    public IReadOnlyList<string> SituationList => Split(Situations);

    public IReadOnlyList<string> GuideStepList => Split(GuideSteps);

    public static string Join(IEnumerable<string> values) =>
        string.Join(',', values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// Title, facts and resolution as <see cref="Customers.SearchText.Key"/> spells them, for the global search.
    public string? SearchKey { get; private set; }

    public IReadOnlyList<string> SearchedProperties => Searched;

    public void RefreshSearchKey() =>
        SearchKey = Customers.SearchText.Key(string.Join('\n', new[] { Title, FactWhat, FactWhen, FactOrder, FactImpact, Resolution }.Where(t => !string.IsNullOrWhiteSpace(t))));
}
