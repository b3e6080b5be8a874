using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Interactions;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Subject).HasMaxLength(300);
        builder.Property(i => i.Body).HasMaxLength(Interaction.MaxBodyLength);
        builder.Property(i => i.AuthorName).HasMaxLength(200);
        builder.Property(i => i.ExternalId).HasMaxLength(300);
        builder.HasIndex(i => i.ExternalId).IsUnique();
        builder.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        // The records stored before search keys existed, which the start-up backfill looks for: without this it read the
        // whole table (a minute on a 9 GB book) to find none.
        builder.HasIndex(i => i.Id, "IX_Interactions_SearchKeyMissing").HasFilter("\"SearchKey\" IS NULL");
        builder.HasOne(i => i.Contact).WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsOne(i => i.Analysis, analysis =>
        {
            analysis.Property(a => a.Language).HasMaxLength(8);
            analysis.Property(a => a.AngerLevel).HasConversion<string>().HasMaxLength(16);
            analysis.Property(a => a.AbuseKinds).HasMaxLength(200);
            analysis.Property(a => a.Threats).HasMaxLength(200);
            analysis.Property(a => a.Situations).HasMaxLength(400);
            analysis.Property(a => a.Model).HasMaxLength(32);
            analysis.HasIndex(a => a.Version);
        });
        builder.Property(i => i.Delivery).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Mail.Mailbox>().WithMany().HasForeignKey(i => i.MailboxId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(i => i.AuthorRep).WithMany().HasForeignKey(i => i.AuthorRepId).OnDelete(DeleteBehavior.SetNull);
    }
}
