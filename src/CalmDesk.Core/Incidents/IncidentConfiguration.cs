using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Incidents;

internal sealed class AbuseIncidentConfiguration : IEntityTypeConfiguration<AbuseIncident>
{
    public void Configure(EntityTypeBuilder<AbuseIncident> builder)
    {
        builder.HasIndex(i => i.InteractionId).IsUnique();
        builder.HasIndex(i => new { i.RepId, i.OccurredAt });
        builder.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        // The wear chart reads every incident of the last months from this index alone.
        builder.HasIndex(i => new { i.OccurredAt, i.RepId, i.CustomerId, i.WronglyDetected, i.Severity });
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Kinds).HasMaxLength(200);
        builder.Property(i => i.Evidence).HasMaxLength(AbuseIncident.MaxEvidenceLength);
        builder.Property(i => i.MarkedByUserId).HasMaxLength(450);
        builder.Property(i => i.Note).HasMaxLength(1000);
        builder.Ignore(i => i.KindList);
        builder.HasOne(i => i.Customer).WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Interaction).WithMany().HasForeignKey(i => i.InteractionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(i => i.Rep).WithMany().HasForeignKey(i => i.RepId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RepToleranceConfiguration : IEntityTypeConfiguration<RepTolerance>
{
    public void Configure(EntityTypeBuilder<RepTolerance> builder)
    {
        builder.HasKey(t => t.RepId);
        builder.Property(t => t.Never).HasMaxLength(200);
        builder.Ignore(t => t.NeverList);
        builder.HasOne(t => t.Rep).WithOne().HasForeignKey<RepTolerance>(t => t.RepId).OnDelete(DeleteBehavior.Cascade);
    }
}
