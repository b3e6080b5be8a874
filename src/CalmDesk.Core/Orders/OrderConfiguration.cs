using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(Order.MaxNumberLength);
        builder.HasIndex(o => new { o.CustomerId, o.Number }).IsUnique();
        builder.Property(o => o.ConfirmationChannel).HasMaxLength(16);
        builder.Property(o => o.ConfirmationText).HasMaxLength(8000);
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Item).HasMaxLength(200);
        builder.HasIndex(l => new { l.OrderId, l.Item }).IsUnique();
        builder.Property(l => l.Ordered).HasPrecision(18, 3);
        builder.Property(l => l.Confirmed).HasPrecision(18, 3);
        builder.Property(l => l.Delivered).HasPrecision(18, 3);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
    }
}
