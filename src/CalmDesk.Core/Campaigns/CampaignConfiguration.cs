using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
        builder.Property(c => c.Scope).HasMaxLength(Campaign.MaxScopeLength);
        builder.Property(c => c.Percent).HasPrecision(5, 2);
        builder.Property(c => c.Reasons).HasMaxLength(200);
        builder.Property(c => c.CompetitorPercent).HasPrecision(5, 2);
        builder.Property(c => c.CompetitorNote).HasMaxLength(Campaign.MaxNoteLength);
        builder.Property(c => c.OrderThreshold).HasPrecision(18, 2);
        builder.Property(c => c.BetterRatePercent).HasPrecision(5, 2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450);
        builder.Ignore(c => c.ReasonList);
        builder.HasMany(c => c.Recipients).WithOne(r => r.Campaign).HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignRecipientConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> builder)
    {
        builder.HasIndex(r => new { r.CampaignId, r.CustomerId }).IsUnique();
        builder.HasIndex(r => new { r.CustomerId, r.Status });
        builder.Property(r => r.Volume).HasPrecision(18, 2);
        builder.Property(r => r.Language).HasMaxLength(8);
        builder.Property(r => r.Subject).HasMaxLength(300);
        builder.Property(r => r.Body).HasMaxLength(8000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
