namespace CalmDesk.Notifications;

internal enum NotificationKind
{
    /// A promise is coming up.
    Reminder,

    /// A promise is due soon and not done: tell the customer first if it will slip.
    AtRisk,

    /// A promise's due time has passed.
    Overdue,

    /// To a manager: a rep's promise is overdue.
    Escalation,

    /// A step of the collection plan is drafted and waiting for the rep.
    Collection,

    /// To a manager: an account should move to a colleague (a rep's line was crossed, or the rep asked).
    Handover,

    /// To a rep: an account is now theirs, with its open cases and promises.
    AccountReceived,

    /// To a rep: one of their accounts moved to a colleague.
    AccountLeft,

    /// To a manager: an account moved from one rep to another.
    AccountMoved,

    /// To a rep: mail they sent could not be delivered (refused by the server, or every retry failed).
    MailFailed,

    /// A customer has waited longer for our reply than the written response time allows (to the owner and managers).
    ReplyOverdue,

    /// To a manager: every item of a let-go checklist is answered, and it waits for their approval.
    LetGoReady,
}
