using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Offboarding;

internal sealed class CompetitorConfiguration : IEntityTypeConfiguration<Competitor>
{
    public void Configure(EntityTypeBuilder<Competitor> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(500);
    }
}

internal sealed class CustomerOffboardingConfiguration : IEntityTypeConfiguration<CustomerOffboarding>
{
    public void Configure(EntityTypeBuilder<CustomerOffboarding> builder)
    {
        builder.HasIndex(o => new { o.CustomerId, o.Status });
        // One open let-go checklist per customer.
        builder.HasIndex(o => o.CustomerId).IsUnique().HasFilter("\"Status\" = 'Open'").HasDatabaseName("IX_Offboardings_OneOpen");
        builder.Property(o => o.Reason).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ApprovedByUserId).HasMaxLength(450);
        builder.Property(o => o.CreatedByUserId).HasMaxLength(450);
        builder.Property(o => o.Referrals).HasMaxLength(100);
        builder.Property(o => o.LetterLanguage).HasMaxLength(8);
        builder.Property(o => o.LetterSubject).HasMaxLength(300);
        builder.Property(o => o.LetterBody).HasMaxLength(8000);
        builder.Ignore(o => o.ChecklistComplete);
        builder.Ignore(o => o.Direct);
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OffboardingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OffboardingEventConfiguration : IEntityTypeConfiguration<OffboardingEvent>
{
    public void Configure(EntityTypeBuilder<OffboardingEvent> builder)
    {
        builder.Property(e => e.What).HasMaxLength(40);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Note).HasMaxLength(CustomerOffboarding.MaxNoteLength);
    }
}
