namespace CalmDesk.Customers;

/// Filters for the customers list; every field optional.
internal sealed record CustomerQuery(
    string? Text = null, int? RepId = null, CustomerStatus? Status = null, int? Page = null, int? PageSize = null, Data.Sorting? Sort = null)
{
    /// The columns the list sorts by; without one it is by company.
    public static readonly IReadOnlyList<string> SortColumns = ["company", "segment", "status", "rep", "renewal", "last-contact", "interactions"];
}
