using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Reps;

internal sealed class RepConfiguration : IEntityTypeConfiguration<Rep>
{
    public void Configure(EntityTypeBuilder<Rep> builder)
    {
        builder.Property(r => r.DisplayName).HasMaxLength(200);
        builder.Property(r => r.Experience).HasMaxLength(Rep.MaxProfileLength);
        builder.Property(r => r.Credentials).HasMaxLength(Rep.MaxProfileLength);
        builder.HasIndex(r => r.UserId).IsUnique();
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReassignmentConfiguration : IEntityTypeConfiguration<Reassignment>
{
    public void Configure(EntityTypeBuilder<Reassignment> builder)
    {
        builder.HasIndex(r => new { r.CustomerId, r.At });
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.Property(r => r.Reason).HasMaxLength(Reassignment.MaxReasonLength);
        builder.HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.FromRep).WithMany().HasForeignKey(r => r.FromRepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ToRep).WithMany().HasForeignKey(r => r.ToRepId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> builder)
    {
        builder.HasIndex(h => new { h.CustomerId, h.Status });
        // One pending hand-over per customer: two asked at the same instant cannot both wait for a decision.
        builder.HasIndex(h => h.CustomerId).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_Handovers_OnePending");
        builder.Property(h => h.Reason).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Explanation).HasMaxLength(Handover.MaxTextLength);
        builder.Property(h => h.Note).HasMaxLength(Handover.MaxTextLength);
        builder.Property(h => h.RequestedByUserId).HasMaxLength(450);
        builder.Property(h => h.DecidedByUserId).HasMaxLength(450);
        builder.HasOne(h => h.Customer).WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(h => h.FromRep).WithMany().HasForeignKey(h => h.FromRepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.ToRep).WithMany().HasForeignKey(h => h.ToRepId).OnDelete(DeleteBehavior.Restrict);
    }
}
