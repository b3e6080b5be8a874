namespace CalmDesk.Mail;

/// <summary>A file that came with a message, listed on it and downloadable; its bytes are kept once per content (SHA-256).</summary>
internal sealed class Attachment
{
    public long Id { get; set; }

    public long InteractionId { get; set; }

    /// The name as sent, cleaned of paths and control characters.
    public required string FileName { get; set; }

    /// The type the sender declared; shown, never trusted (downloads are always application/octet-stream).
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// Lower-case hex SHA-256 of the content: where <see cref="AttachmentStore"/> keeps it.
    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// The bytes of attachments on PostgreSQL, one row per distinct content (on SQLite they are files in the data folder).
internal sealed class AttachmentContent
{
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
}
