namespace CalmDesk.Customers;

/// Filters for the customers list; every field optional.
internal sealed record CustomerQuery(string? Text = null, int? RepId = null, CustomerStatus? Status = null, int? Page = null, int? PageSize = null);
