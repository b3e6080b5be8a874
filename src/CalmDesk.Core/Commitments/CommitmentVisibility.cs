using CalmDesk.Accounts;

namespace CalmDesk.Commitments;

/// The one place that decides whose promises a viewer sees: a rep their own, managers and admins all.
internal static class CommitmentVisibility
{
    public static IQueryable<Commitment> VisibleTo(this IQueryable<Commitment> commitments, Viewer viewer) =>
        viewer.SeesAll ? commitments : commitments.Where(c => c.Owner!.UserId == viewer.UserId);
}
