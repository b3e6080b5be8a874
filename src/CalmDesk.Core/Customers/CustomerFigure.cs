using CalmDesk.Analysis;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Customers;

/// <summary>What the customers list shows of a customer's messages (the last contact, how many there are, the mood of
/// the latest ones), stored by the same refresh that works out the customer's health after any change to their records
/// (<see cref="Health.HealthChanges"/>), so the list reads one row per customer instead of every message of every
/// customer on the page.</summary>
internal sealed class CustomerFigure
{
    /// How many of the latest analysed inbound messages the mood and its trend are read from.
    public const int MoodWindow = 6;

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public DateTimeOffset? LastContactAt { get; set; }

    /// Whether there is any message (a last contact): the list sorted by last contact puts the others last either way,
    /// and sorts on this and the time through an index in each direction.
    public bool Contacted { get; set; }

    public int Interactions { get; set; }

    /// The latest analysed inbound message's anger score, level and abuse; null without one.
    public double? LatestAnger { get; set; }

    public AngerLevel? LatestLevel { get; set; }

    public bool LatestAbusive { get; set; }

    public double? Trend { get; set; }

    public CustomerMood? Mood => LatestAnger is { } anger && LatestLevel is { } level ? new CustomerMood(anger, level, LatestAbusive, Trend) : null;

    /// These customers' figures, worked out from their messages: what the refresh stores.
    public static async Task<List<CustomerFigure>> WorkOutAsync(Data.CalmDeskDbContext db, IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken)
    {
        var counts = await Live(db.Customers.Where(c => customerIds.Contains(c.Id)))
            .Select(r => new { r.Customer.Id, Last = r.LastContactAt, Count = r.Interactions }).ToListAsync(cancellationToken);
        var moods = await MoodsAsync(db, customerIds, cancellationToken);
        return [.. counts.Select(c =>
        {
            var mood = moods.GetValueOrDefault(c.Id);
            return new CustomerFigure
            {
                CustomerId = c.Id, LastContactAt = c.Last, Contacted = c.Last is not null, Interactions = c.Count,
                LatestAnger = mood?.LatestAnger, LatestLevel = mood?.LatestLevel, LatestAbusive = mood?.LatestAbusive ?? false, Trend = mood?.Trend,
            };
        })];
    }

    /// <summary>The mood of each of these customers: the latest analysed inbound message's anger, and the trend over the
    /// last six (the mean of the newest three minus the mean of the three before; with fewer, the newer half against the
    /// older). Reads at most six messages per customer.</summary>
    public static async Task<Dictionary<int, CustomerMood>> MoodsAsync(Data.CalmDeskDbContext db, IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken)
    {
        // The customers are named inside the numbered messages too, so the numbering runs over their messages alone, not
        // over the whole book's.
        var recent = await (
            from c in db.Customers.Where(c => customerIds.Contains(c.Id))
            from i in db.Interactions
                .Where(i => customerIds.Contains(i.CustomerId) && i.CustomerId == c.Id && i.Direction == Direction.Inbound && i.Analysis != null)
                .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
                .Take(MoodWindow)
            select new MoodRow(i.CustomerId, i.OccurredAt, i.Id, i.Analysis!.AngerScore, i.Analysis.AngerLevel, i.Analysis.AbuseScore))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return recent.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => MoodOf([.. g.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)]));
    }

    private sealed record MoodRow(int CustomerId, DateTimeOffset OccurredAt, long Id, double AngerScore, AngerLevel AngerLevel, double AbuseScore);

    private static CustomerMood MoodOf(List<MoodRow> last)
    {
        var newer = Math.Min(3, last.Count / 2);
        double? trend = last.Count >= 2 ? last.Take(newer).Average(r => r.AngerScore) - last.Skip(newer).Average(r => r.AngerScore) : null;
        return new CustomerMood(last[0].AngerScore, last[0].AngerLevel, last[0].AbuseScore >= 0.5, trend is null ? null : Math.Round(trend.Value, 2));
    }

    /// These customers as the list reads them, their figures worked out from the messages: what the list reads while the
    /// stored figures are behind (the upgrade's first start, a big import).
    public static IQueryable<CustomerListRow> Live(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerListRow
        {
            Customer = c,
            Rep = c.AssignedRep == null ? null : c.AssignedRep.DisplayName,
            LastContactAt = c.Interactions.Max(i => (DateTimeOffset?)i.OccurredAt),
            Contacted = c.Interactions.Any(),
            Interactions = c.Interactions.Count,
        });

    /// <summary>These customers as the list reads them, with the stored figures. Every customer has a row once the changed
    /// ones are worked out (the refresh gives each customer it works out one, a new customer included), so the rows
    /// drive the join: sorted by messages the list walks the index on the count and stops at the page (a left join from
    /// the customers sorted all 100,000 first, 0.4 s).</summary>
    public static IQueryable<CustomerListRow> Stored(IQueryable<Customer> customers, IQueryable<CustomerFigure> figures) =>
        from f in figures
        join c in customers on f.CustomerId equals c.Id
        select new CustomerListRow
        {
            Customer = c,
            Rep = c.AssignedRep == null ? null : c.AssignedRep.DisplayName,
            LastContactAt = f.LastContactAt,
            Contacted = f.Contacted,
            Interactions = f.Interactions,
            Figure = f,
        };
}

/// A customer, their rep's name and their figures: a line of the customers list, before paging.
internal sealed class CustomerListRow
{
    public Customer Customer { get; init; } = null!;

    public string? Rep { get; init; }

    public DateTimeOffset? LastContactAt { get; init; }

    public bool Contacted { get; init; }

    public int Interactions { get; init; }

    /// The stored figures, when the list reads them (their mood comes with them).
    public CustomerFigure? Figure { get; init; }
}

internal sealed class CustomerFigureConfiguration : IEntityTypeConfiguration<CustomerFigure>
{
    public void Configure(EntityTypeBuilder<CustomerFigure> builder)
    {
        builder.ToTable("CustomerFigures");
        builder.HasKey(f => f.CustomerId);
        builder.Property(f => f.CustomerId).ValueGeneratedNever();
        builder.HasOne(f => f.Customer).WithOne().HasForeignKey<CustomerFigure>(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(f => f.Mood);
        builder.Property(f => f.LatestLevel).HasConversion<string>().HasMaxLength(16);
        // The list sorted by last contact (either way, the never contacted last) or by messages pages through these.
        builder.HasIndex(f => new { f.Contacted, f.LastContactAt });
        builder.HasIndex(f => new { f.Contacted, f.LastContactAt }, "IX_CustomerFigures_Contacted_LastContactAt_Oldest").IsDescending(true, false);
        builder.HasIndex(f => f.Interactions);
    }
}
