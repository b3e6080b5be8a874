using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Mail;

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Address).HasMaxLength(254);
        builder.HasIndex(m => m.Address).IsUnique();
        builder.Property(m => m.DisplayName).HasMaxLength(100);
        builder.Property(m => m.ImapHost).HasMaxLength(253);
        builder.Property(m => m.SmtpHost).HasMaxLength(253);
        builder.Property(m => m.ImapSecurity).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.SmtpSecurity).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Authentication).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Folder).HasMaxLength(200);
        builder.Property(m => m.UserName).HasMaxLength(254);
        builder.Property(m => m.ProtectedSecret).HasMaxLength(8000);
        builder.Property(m => m.LastError).HasMaxLength(Mailbox.MaxErrorLength);
        // Two instances reading one mailbox: the one that saves second learns the other moved on, and never moves it back.
        builder.Property(m => m.LastUid).IsConcurrencyToken();
    }
}

internal sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("InboundMail");
        builder.HasOne(m => m.Mailbox).WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.Cascade);
        // The same message of the same folder is kept once, whichever instance fetched it.
        builder.HasIndex(m => new { m.MailboxId, m.UidValidity, m.Uid }).IsUnique();
        builder.HasIndex(m => new { m.State, m.ReceivedAt });
        builder.HasOne(m => m.Interaction).WithMany().HasForeignKey(m => m.InteractionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Reason).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(m => new { m.MailboxId, m.MessageId });
        builder.Property(m => m.HandledByUserId).HasMaxLength(450);
        builder.Property(m => m.MessageId).HasMaxLength(300);
        builder.Property(m => m.FromAddress).HasMaxLength(254);
        builder.Property(m => m.FromName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Preview).HasMaxLength(1000);
        builder.Property(m => m.Problem).HasMaxLength(1000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasOne(m => m.Mailbox).WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Interaction).WithMany().HasForeignKey(m => m.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.InteractionId).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.MessageId).HasMaxLength(300);
        builder.Property(m => m.InReplyTo).HasMaxLength(300);
        builder.Property(m => m.References).HasMaxLength(4000);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.HasOne<Interaction>().WithMany(i => i.Attachments).HasForeignKey(a => a.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.InteractionId);
        builder.Property(a => a.FileName).HasMaxLength(160);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
    }
}

internal sealed class ReadMarkConfiguration : IEntityTypeConfiguration<ReadMark>
{
    public void Configure(EntityTypeBuilder<ReadMark> builder)
    {
        builder.HasKey(m => new { m.UserId, m.InteractionId });
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(m => m.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.InteractionId);
    }
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.HasKey(c => c.Sha256);
        builder.Property(c => c.Sha256).HasMaxLength(64);
    }
}
