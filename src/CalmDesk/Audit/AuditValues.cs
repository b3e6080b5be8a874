using System.Globalization;
using System.Text;

namespace CalmDesk.Audit;

/// How the audit page shows what the trail stored in invariant form (AuditTrail.Format): dates, times and numbers in
/// the reader's culture and zone, field names in words.
internal static class AuditValues
{
    /// Fields whose values are states with a label of their own ("OnHold" → "In sospeso"); any other value is shown
    /// as stored, since it may be what a person typed.
    public static readonly IReadOnlySet<string> States = new HashSet<string>(StringComparer.Ordinal)
    {
        "Status", "Reason", "Kind", "Severity", "Source", "Channel", "Direction", "Role", "Authentication",
    };

    /// The label key of a state whose name means something only with its record: a hand-over's "Requested", a
    /// let-go's "Open", an incident's "Low". Null where the state's own name is its key ("OnHold").
    public static string? StateKey(string subject, string field, string stored) => (subject, field) switch
    {
        ("incident", "Severity") => "severity_" + stored,
        ("incident", "Source") => "incident_source_" + stored,
        ("handover", "Reason") => "handover_" + stored,
        ("handover", "Status") => "handover_status_" + stored,
        ("let-go", "Reason") => "letgo_" + stored,
        ("let-go", "Status") => "letgo_status_" + stored,
        ("mailbox", "Authentication") => "auth_" + stored,
        _ => null,
    };

    /// Fields that hold a language's code ("it"): shown by the language's name in the reader's language.
    public static bool IsLanguage(string field) => field is "Culture" or "Language" or "PreferredLanguage" or "LetterLanguage";

    /// A comma-separated list of codes in the reader's words: a rep's line ("threat_of_violence,discriminatory" →
    /// "Minacce di violenza, Discriminazione"), the open or delivery days ("mon,tue" → "lunedì, martedì"). Null for a
    /// field that holds no such list.
    public static string? List(string field, string stored, Func<string, string?> abuseKind, CultureInfo culture)
    {
        return field switch
        {
            "Never" => string.Join(", ", stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => abuseKind(c) ?? c)),
            "OpenDays" or "DeliveryDays" => Boundaries.EffectiveTerms.DayNames(stored, culture),
            _ => null,
        };
    }

    /// Fields that hold a figure: their decimals are shown with the reader's decimal mark. Other fields may hold an
    /// id or a phone number a person typed with dots, shown as typed.
    private static readonly string[] Figures = ["Percent", "Amount", "Margin", "Revenue", "Cost", "Rate", "Limit", "Threshold", "Hours", "Days"];

    /// Fields that hold a day (a renewal date, the day a letter goes): a typed id shaped like "03/04/2025" is not one.
    private static readonly string[] Days = ["Date", "On", "Until"];

    /// A stored date ("06/30/2026"), time (ISO 8601 with offset) or a figure's decimal ("12.5") in the reader's terms;
    /// null for anything else, which is shown as it is.
    public static string? Format(string field, string stored, CultureInfo culture, TimeZoneInfo zone)
    {
        if (Days.Any(d => field.EndsWith(d, StringComparison.Ordinal)) && stored.Length == 10 && stored[2] == '/' && stored[5] == '/'
            && DateOnly.TryParseExact(stored, "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("d", culture);
        }

        if (stored.Length >= 20 && stored[4] == '-' && stored[10] == 'T'
            && DateTimeOffset.TryParseExact(stored, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return TimeZoneInfo.ConvertTime(at, zone).ToString("g", culture);
        }

        var point = stored.IndexOf('.', StringComparison.Ordinal);
        return Figures.Any(f => field.Contains(f, StringComparison.Ordinal)) && point > 0 && point < stored.Length - 1 && stored.Count(c => c == '.') == 1
            && stored.All(c => char.IsAsciiDigit(c) || c == '.' || c == '-') && stored.LastIndexOf('-') <= 0
            && decimal.TryParse(stored, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("#,0.############", culture)
            : null;
    }

    /// "ContractRenewalDate" → "Contract renewal date".
    public static string Words(string field)
    {
        var words = new StringBuilder(field.Length + 8);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(field[i - 1]) || (i + 1 < field.Length && char.IsLower(field[i + 1]))))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
