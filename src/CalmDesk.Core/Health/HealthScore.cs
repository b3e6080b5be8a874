using CalmDesk.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Health;

/// <summary>A record that belongs to one customer and feeds its account health: when one is added, changed or
/// removed, that customer's stored score is marked out of date in the same save.</summary>
internal interface ICustomerRecord
{
    int CustomerId { get; }
}

/// <summary>One customer's account health as last worked out (the read model behind the dashboard and the health
/// list): the facts of the twelve months before <see cref="AsOf"/>, the score they give, and the score of 90 days
/// earlier for the trend. <see cref="Changes"/> counts the changes to the customer's records; the row is current when
/// it was computed after the last of them (<see cref="Computed"/>), on today's date, with today's settings.</summary>
internal sealed class HealthScore
{
    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public long Changes { get; set; }

    public long Computed { get; set; }

    public DateOnly AsOf { get; set; }

    /// The health settings the row was computed with (cost per hour, minutes per channel, margin).
    public string Settings { get; set; } = "";

    public int Score { get; set; }

    public int? BeforeScore { get; set; }

    public bool CostsMore { get; set; }

    /// Net (margin minus cost to serve) as a floating number, for ordering: SQLite stores decimals as text.
    public double NetOrder { get; set; }

    public decimal Revenue { get; set; }

    public decimal Concessions { get; set; }

    public int Minutes { get; set; }

    public double AngerRecent { get; set; }

    public double AngerBefore { get; set; }

    public int AbuseIncidents { get; set; }

    /// Of those, the incidents the customer's present rep took.
    public int AbuseAtRep { get; set; }

    public int BoundaryAsks { get; set; }

    public decimal Overdue { get; set; }

    public int OldestOverdueDays { get; set; }

    public int PaidLate { get; set; }

    public int Paid { get; set; }

    public int OpenCases { get; set; }

    public int PromisesBrokenByUs { get; set; }
}

internal sealed class HealthScoreConfiguration : IEntityTypeConfiguration<HealthScore>
{
    public void Configure(EntityTypeBuilder<HealthScore> builder)
    {
        builder.HasKey(h => h.CustomerId);
        builder.HasOne(h => h.Customer).WithOne().HasForeignKey<HealthScore>(h => h.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.Settings).HasMaxLength(64);
        builder.Property(h => h.Revenue).HasPrecision(18, 2);
        builder.Property(h => h.Concessions).HasPrecision(18, 2);
        builder.Property(h => h.Overdue).HasPrecision(18, 2);
        builder.HasIndex(h => h.Score);
        builder.HasIndex(h => h.NetOrder, "IX_HealthScores_CostsMore_NetOrder").HasFilter("\"CostsMore\"");
        // What a read asks before it answers: which rows wait to be worked out again (changed since, another day, other
        // settings), found without looking at every row.
        builder.HasIndex(h => h.CustomerId, "IX_HealthScores_Waiting").HasFilter("\"Computed\" <> \"Changes\"");
        builder.HasIndex(h => h.AsOf);
        builder.HasIndex(h => h.Settings);
    }
}

/// <summary>One customer's open balance in one currency by how late it is, as of the day its <see cref="HealthScore"/>
/// was last worked out (the same refresh settles the customer's ledger): the aged book reads these rows instead of
/// settling every invoice and payment of the book on each request.</summary>
internal sealed class AgingBalance
{
    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public required string Currency { get; set; }

    public decimal Current { get; set; }

    public decimal Days1To30 { get; set; }

    public decimal Days31To60 { get; set; }

    public decimal Days61To90 { get; set; }

    public decimal Over90 { get; set; }

    public decimal Unapplied { get; set; }

    /// 0 (nothing overdue) to 4 (over 90 days): the aged book lists the oldest first.
    public int OldestBucket { get; set; }

    /// The overdue amount as a floating number, for ordering: SQLite stores decimals as text.
    public double OverdueOrder { get; set; }
}

internal sealed class AgingBalanceConfiguration : IEntityTypeConfiguration<AgingBalance>
{
    public void Configure(EntityTypeBuilder<AgingBalance> builder)
    {
        builder.HasKey(a => new { a.CustomerId, a.Currency });
        builder.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Currency).HasMaxLength(3);
        foreach (var amount in new[] { nameof(AgingBalance.Current), nameof(AgingBalance.Days1To30), nameof(AgingBalance.Days31To60), nameof(AgingBalance.Days61To90), nameof(AgingBalance.Over90), nameof(AgingBalance.Unapplied) })
        {
            builder.Property(amount).HasPrecision(18, 2);
        }

        builder.HasIndex(a => new { a.OldestBucket, a.OverdueOrder });
    }
}
