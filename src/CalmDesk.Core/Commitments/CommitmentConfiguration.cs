using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Commitments;

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(c => c.What).HasMaxLength(Commitment.MaxWhatLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.Status, c.RemindAt });
        builder.HasIndex(c => new { c.Status, c.AtRiskAt });
        builder.HasIndex(c => new { c.Status, c.DueAt });
        builder.HasIndex(c => new { c.OwnerRepId, c.Status });
        // A customer's open promises by due date (their page), without walking every open promise of the book.
        builder.HasIndex(c => new { c.CustomerId, c.Status, c.DueAt });
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Case).WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerRepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CommitmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitmentChangeConfiguration : IEntityTypeConfiguration<CommitmentChange>
{
    public void Configure(EntityTypeBuilder<CommitmentChange> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.Notice).HasMaxLength(4000);
    }
}
