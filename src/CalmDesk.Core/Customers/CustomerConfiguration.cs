using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.Company).HasMaxLength(200);
        builder.HasIndex(c => c.Company);
        builder.Property(c => c.SearchKey).HasMaxLength(Customer.MaxSearchKeyLength);
        builder.Property(c => c.PostalAddress).HasMaxLength(CustomerInput.MaxPostalAddressLength);
        builder.Property(c => c.Segment).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(8);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.HasOne(c => c.AssignedRep).WithMany().HasForeignKey(c => c.AssignedRepId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Contacts).WithOne(c => c.Customer).HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Interactions).WithOne(i => i.Customer).HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
