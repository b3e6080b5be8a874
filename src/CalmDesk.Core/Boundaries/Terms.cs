using CalmDesk.Customers;

namespace CalmDesk.Boundaries;

/// Written terms: the organisation's (no customer) or one customer's contract, whose filled fields override the
/// organisation's. Days are three-letter English codes ("mon,tue,…"), so they read the same in every language.
internal sealed class Terms
{
    public int Id { get; set; }

    /// Null for the organisation's terms; otherwise the customer whose contract this is.
    public int? CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public int? DepositPercent { get; set; }

    /// How a deposit can be paid, as the answer offers it ("bank transfer or card").
    public string? DepositMethods { get; set; }

    public string? OpenDays { get; set; }

    public TimeOnly? OpensAt { get; set; }

    public TimeOnly? ClosesAt { get; set; }

    public string? DeliveryDays { get; set; }

    public int? PaymentTermsDays { get; set; }

    public decimal? MaxDiscountPercent { get; set; }

    /// How soon we answer, in hours.
    public int? ResponseHours { get; set; }

    /// The clauses as written, one per line. A line may start with the rule it words ("delivery: …", "deposit: …");
    /// that wording is what an answer quotes.
    public string? Clauses { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
