using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Cases;

/// <summary>What the cases list shows of a case's messages (the angriest reading from the customer's side, whether any
/// was abusive, how many there are), stored by the same refresh that works out the customer's health after any change
/// to their records (<see cref="Health.HealthChanges"/>), so the list sorts and pages over these rows instead of reading
/// every message of every case on each request.</summary>
internal sealed class CaseFigure
{
    public int CaseId { get; set; }

    public Case? Case { get; set; }

    public int CustomerId { get; set; }

    /// The angriest score among the customer's messages and our notes of their calls (0 without any).
    public double PeakAnger { get; set; }

    /// Whether any message of the case was abuse aimed at us.
    public bool Abusive { get; set; }

    public int Interactions { get; set; }

    /// These cases' figures, worked out from their messages: what the refresh stores.
    public static IQueryable<CaseFigure> WorkOut(IQueryable<Case> cases) =>
        Live(cases).Select(r => new CaseFigure { CaseId = r.Case.Id, CustomerId = r.Case.CustomerId, PeakAnger = r.Peak, Abusive = r.Abusive, Interactions = r.Count });

    /// These cases as the cases list reads them, their figures worked out from the messages: what the list reads while
    /// the stored figures are behind (the upgrade's first start, a big import).
    public static IQueryable<CaseRow> Live(IQueryable<Case> cases) =>
        cases.Select(c => new CaseRow
        {
            Case = c,
            Company = c.Customer!.Company,
            Peak = c.Interactions.Where(i => i.Direction != Direction.Outbound).Max(i => (double?)i.Analysis!.AngerScore) ?? 0,
            Abusive = c.Interactions.Any(i => i.Analysis!.AbuseTargeted),
            Count = c.Interactions.Count,
        });

    /// These cases as the cases list reads them, with the stored figures (none yet: nothing to show).
    public static IQueryable<CaseRow> Stored(IQueryable<Case> cases, IQueryable<CaseFigure> figures) =>
        from c in cases
        join f in figures on c.Id equals f.CaseId into found
        from f in found.DefaultIfEmpty()
        select new CaseRow
        {
            Case = c,
            Company = c.Customer!.Company,
            Peak = f == null ? 0 : f.PeakAnger,
            Abusive = f != null && f.Abusive,
            Count = f == null ? 0 : f.Interactions,
        };
}

/// A case, its customer's name and its figures: a line of the cases list.
internal sealed class CaseRow
{
    public Case Case { get; init; } = null!;

    public string Company { get; init; } = "";

    public double Peak { get; init; }

    public bool Abusive { get; init; }

    public int Count { get; init; }
}

internal sealed class CaseFigureConfiguration : IEntityTypeConfiguration<CaseFigure>
{
    public void Configure(EntityTypeBuilder<CaseFigure> builder)
    {
        builder.ToTable("CaseFigures");
        builder.HasKey(f => f.CaseId);
        builder.Property(f => f.CaseId).ValueGeneratedNever();
        builder.HasOne(f => f.Case).WithOne().HasForeignKey<CaseFigure>(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        // The refresh replaces a customer's rows at once.
        builder.HasIndex(f => f.CustomerId);
    }
}
