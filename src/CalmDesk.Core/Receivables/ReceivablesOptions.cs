namespace CalmDesk.Receivables;

/// One step of the collection plan: what to do, how many days after the due date (`Receivables:Collection`).
internal sealed class CollectionStep
{
    public string Key { get; set; } = "";

    public CollectionStepKind Kind { get; set; }

    public int AfterDays { get; set; }

    /// Whether the drafted message repeats the early-payment offer.
    public bool OfferDiscount { get; set; }
}

/// Money settings (`Receivables:` in appsettings.json or the environment).
internal sealed class ReceivablesOptions
{
    /// The business's time zone: it decides which day it is for aging and due dates (IANA or Windows id; empty = the server's).
    public string TimeZone { get; set; } = "";

    /// The business's time zone from optional settings (the server's when there are none).
    public static TimeZoneInfo ZoneOf(Microsoft.Extensions.Options.IOptions<ReceivablesOptions>? business) => (business?.Value ?? new ReceivablesOptions()).Zone;

    /// Payment terms for invoices given without a due date.
    public int DefaultTermsDays { get; set; } = 30;

    /// The window DSO measures sales over.
    public int DsoDays { get; set; } = 90;

    /// The early-payment discount offered on new invoices and in friendly reminders; 0 turns it off.
    public decimal EarlyDiscountPercent { get; set; } = 2;

    public int EarlyDiscountDays { get; set; } = 10;

    /// Empty means the default plan: friendly at 3 days, notice at 15, a call at 30, copies at 60 and 90.
    public List<CollectionStep> Collection { get; set; } = [];

    public IReadOnlyList<CollectionStep> Plan => Collection.Count > 0
        ? [.. Collection.OrderBy(s => s.AfterDays)]
        :
        [
            new() { Key = "friendly", Kind = CollectionStepKind.Friendly, AfterDays = 3, OfferDiscount = true },
            new() { Key = "notice", Kind = CollectionStepKind.Notice, AfterDays = 15 },
            new() { Key = "call", Kind = CollectionStepKind.Call, AfterDays = 30 },
            new() { Key = "copy-60", Kind = CollectionStepKind.Copy, AfterDays = 60 },
            new() { Key = "copy-90", Kind = CollectionStepKind.Copy, AfterDays = 90 },
        ];

    public TimeZoneInfo Zone => TimeZone.Length == 0 ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// Today's date where the business is: an invoice due on the 31st is not late until the 1st starts there.
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
