using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Learning;

internal sealed class AnalysisCorrectionConfiguration : IEntityTypeConfiguration<AnalysisCorrection>
{
    public void Configure(EntityTypeBuilder<AnalysisCorrection> builder)
    {
        builder.HasIndex(c => new { c.InteractionId, c.Source });
        builder.HasIndex(c => c.CustomerId);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Text).HasMaxLength(AnalysisCorrection.MaxTextLength);
        builder.Property(c => c.Labels).HasMaxLength(4000);
        builder.Property(c => c.ByUserId).HasMaxLength(450);
        builder.Ignore(c => c.LabelMap);
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Interaction).WithMany().HasForeignKey(c => c.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModelRunConfiguration : IEntityTypeConfiguration<ModelRun>
{
    public void Configure(EntityTypeBuilder<ModelRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RequestedByUserId).HasMaxLength(450);
        builder.Property(r => r.Version).HasMaxLength(32);
        builder.Property(r => r.ComparedWith).HasMaxLength(32);
        builder.Property(r => r.Outcome).HasMaxLength(4000);
        builder.Ignore(r => r.Reasons);
        // One run at a time and one active model, however many instances or clicks race: the database refuses a second.
        builder.HasIndex(r => r.Status).IsUnique().HasFilter("\"Status\" = 'Running'").HasDatabaseName("IX_ModelRuns_OneRunning");
        builder.HasIndex(r => r.IsActive).IsUnique().HasFilter("\"IsActive\"").HasDatabaseName("IX_ModelRuns_OneActive");
    }
}
