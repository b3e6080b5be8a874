using CalmDesk.Accounts;

namespace CalmDesk.Cases;

/// A case is visible to whoever sees its customer: the assigned rep, managers and admins.
internal static class CaseVisibility
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, Viewer viewer) =>
        viewer.SeesAll ? cases : cases.Where(c => c.Customer!.AssignedRep != null && c.Customer.AssignedRep.UserId == viewer.UserId);
}
