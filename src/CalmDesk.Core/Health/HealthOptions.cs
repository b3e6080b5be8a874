namespace CalmDesk.Health;

/// How account health is costed (`Health:` in appsettings.json or the environment).
internal sealed class HealthOptions
{
    /// Gross margin on revenue, in percent, used when no better figure is known.
    public decimal GrossMarginPercent { get; set; } = 35;

    /// What an hour of a rep's time costs, in the customer's currency.
    public decimal HourlyCost { get; set; } = 45;

    /// Minutes assumed for an interaction recorded without its time: email, call, chat, meeting, note.
    public int EmailMinutes { get; set; } = 6;

    public int CallMinutes { get; set; } = 12;

    public int ChatMinutes { get; set; } = 5;

    public int MeetingMinutes { get; set; } = 45;
}
