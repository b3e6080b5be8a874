using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Audit;

/// <summary>One change to something a reviewer would ask about later: who (a user, the command line or the system),
/// when, what kind of record and which one, and the values before and after. Written in the same transaction as the
/// change itself (<see cref="AuditTrail"/>), never edited afterwards; an erasure blanks the values of the erased
/// customer's entries and keeps the rest.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// The user who acted; null for the command line and the background services.
    public string? ActorUserId { get; set; }

    /// How the actor was known at the time (their e-mail), or <see cref="AuditActor.System"/> / <see cref="AuditActor.CommandLine"/>.
    public required string Actor { get; set; }

    /// added, changed, removed, exported, erased.
    public required string Action { get; set; }

    /// The kind of record (<see cref="AuditTrail"/>'s names: customer, contact, terms, user, role…).
    public required string Subject { get; set; }

    public required string SubjectId { get; set; }

    /// The customer the record belongs to, when it belongs to one: the audit of one customer is one query.
    public int? CustomerId { get; set; }

    /// JSON object: property → [before, after]; secrets show as "•••". Null after an erasure.
    public string? Changes { get; set; }

    public const int MaxValueLength = 500;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(320);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.Subject).HasMaxLength(40);
        builder.Property(e => e.SubjectId).HasMaxLength(450);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.CustomerId, e.At });
        builder.HasIndex(e => new { e.Subject, e.SubjectId });
    }
}
