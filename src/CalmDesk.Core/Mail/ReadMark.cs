namespace CalmDesk.Mail;

/// <summary>
/// A user has seen a customer's message: it was on the case or customer page they opened. The inbox marks a
/// conversation unread for a user until they have seen its newest message.
/// </summary>
internal sealed class ReadMark
{
    public required string UserId { get; set; }

    public long InteractionId { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}
