using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.RecipientUserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.Company).HasMaxLength(200);
        builder.Property(n => n.OwnerName).HasMaxLength(200);
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
        builder.HasIndex(n => n.CommitmentId);
        // The reply sweep asks, for each overdue conversation, whether it was told about already.
        builder.HasIndex(n => new { n.CustomerId, n.Kind, n.DueAt });
    }
}
