using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Boundaries;

internal sealed class TermsConfiguration : IEntityTypeConfiguration<Terms>
{
    public void Configure(EntityTypeBuilder<Terms> builder)
    {
        builder.ToTable("Terms");
        builder.HasIndex(t => t.CustomerId).IsUnique();
        builder.Property(t => t.DepositMethods).HasMaxLength(200);
        builder.Property(t => t.OpenDays).HasMaxLength(40);
        builder.Property(t => t.DeliveryDays).HasMaxLength(40);
        builder.Property(t => t.MaxDiscountPercent).HasPrecision(5, 2);
        builder.Property(t => t.Clauses).HasMaxLength(8000);
        builder.HasOne(t => t.Customer).WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
