using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(Case.MaxTitleLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.RootCause).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Situations).HasMaxLength(400);
        builder.Property(c => c.FactWhat).HasMaxLength(Case.MaxFactLength);
        builder.Property(c => c.FactWhen).HasMaxLength(200);
        builder.Property(c => c.FactOrder).HasMaxLength(200);
        builder.Property(c => c.FactImpact).HasMaxLength(Case.MaxFactLength);
        builder.Property(c => c.Resolution).HasMaxLength(Case.MaxFactLength);
        builder.Property(c => c.GuideSteps).HasMaxLength(200);
        builder.HasIndex(c => new { c.CustomerId, c.Status });
        // The dashboard counts the open cases of the book from this index alone, not from every case row.
        builder.HasIndex(c => new { c.Status, c.MergedIntoId });
        // The records stored before search keys existed, which the start-up backfill looks for: without this it read the
        // whole table (a minute on a 9 GB book) to find none.
        builder.HasIndex(c => c.Id, "IX_Cases_SearchKeyMissing").HasFilter("\"SearchKey\" IS NULL");
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Interactions).WithOne(i => i.Case).HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
