using CalmDesk.Analysis;
using CalmDesk.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Mail;

/// <summary>One conversation waiting for our reply (a customer and a case, or the customer's messages outside a case),
/// as the inbox lists it: stored by the same refresh that works out the customer's health after any change to their
/// records (<see cref="Health.HealthChanges"/>), so the inbox reads a page of these rows instead of grouping every
/// recent message of the book on each request. Only waiting conversations have a row.</summary>
internal sealed class WaitingConversation
{
    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    /// The case's id, or 0 for the messages outside a case (a key cannot be null).
    public int CaseKey { get; set; }

    public int? CaseId { get; set; }

    /// The customer's first message after our last reply: the inbox lists the longest wait first.
    public DateTimeOffset WaitingSince { get; set; }

    /// The customer's newest message: the conversation leaves the inbox when it is older than the inbox's window.
    public DateTimeOffset LastInAt { get; set; }

    public long LastInId { get; set; }

    /// Our last reply that arrived (null when we never answered within the window).
    public DateTimeOffset? LastOutAt { get; set; }

    /// The customer's messages since our last reply.
    public int Messages { get; set; }

    /// The mood: the newest message's level set by hand, else the angriest of them.
    public AngerLevel? Mood { get; set; }
}

internal sealed class WaitingConversationConfiguration : IEntityTypeConfiguration<WaitingConversation>
{
    public void Configure(EntityTypeBuilder<WaitingConversation> builder)
    {
        builder.ToTable("WaitingConversations");
        builder.HasKey(w => new { w.CustomerId, w.CaseKey });
        builder.HasOne(w => w.Customer).WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Mood).HasConversion<string>().HasMaxLength(16);
        // The inbox's order, walked a page at a time.
        builder.HasIndex(w => new { w.WaitingSince, w.CustomerId, w.CaseKey });
    }
}
