namespace CalmDesk.Interactions;

internal enum Channel
{
    Email,
    Call,
    Chat,
    Meeting,
    Note,
}
