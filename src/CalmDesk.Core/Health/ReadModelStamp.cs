using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Health;

/// <summary>A counter raised in the transaction of every refresh batch that writes a read model (stored health and
/// balances): the figures summed over a whole portfolio (the dashboard's spread of scores, the aged book's totals and
/// sales) are kept in memory under it and worked out again once it moves, on whichever instance reads them.</summary>
internal sealed class ReadModelStamp
{
    public const string Health = "health";

    public required string Name { get; set; }

    public long Version { get; set; }
}

internal sealed class ReadModelStampConfiguration : IEntityTypeConfiguration<ReadModelStamp>
{
    public void Configure(EntityTypeBuilder<ReadModelStamp> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(32);
        builder.HasData(new ReadModelStamp { Name = ReadModelStamp.Health, Version = 0 });
    }
}
