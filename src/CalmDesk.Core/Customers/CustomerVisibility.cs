using CalmDesk.Accounts;

namespace CalmDesk.Customers;

/// The one place that decides which customers a viewer may see or change.
internal static class CustomerVisibility
{
    public static IQueryable<Customer> VisibleTo(this IQueryable<Customer> customers, Viewer viewer) =>
        viewer.SeesAll ? customers : customers.Where(c => c.AssignedRep != null && c.AssignedRep.UserId == viewer.UserId);
}
