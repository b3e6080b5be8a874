using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Boundaries;

/// The terms that apply to one customer: their contract's fields where filled, the organisation's otherwise.
internal sealed record EffectiveTerms(
    int? DepositPercent, string? DepositMethods, IReadOnlyList<DayOfWeek>? OpenDays, TimeOnly? OpensAt, TimeOnly? ClosesAt,
    IReadOnlyList<DayOfWeek>? DeliveryDays, int? PaymentTermsDays, decimal? MaxDiscountPercent, int? ResponseHours, IReadOnlyList<string> Clauses)
{
    public static readonly string[] DayCodes = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// The terms that apply to one customer, read from the database.
    public static async Task<EffectiveTerms> ForCustomerAsync(Data.CalmDeskDbContext db, int customerId, CancellationToken cancellationToken)
    {
        var terms = await db.Terms.AsNoTracking().Where(t => t.CustomerId == null || t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return Merge(terms.FirstOrDefault(t => t.CustomerId == null), terms.FirstOrDefault(t => t.CustomerId == customerId));
    }

    public static EffectiveTerms Merge(Terms? organisation, Terms? customer) => new(
        customer?.DepositPercent ?? organisation?.DepositPercent,
        customer?.DepositMethods ?? organisation?.DepositMethods,
        ParseDays(customer?.OpenDays ?? organisation?.OpenDays),
        customer?.OpensAt ?? organisation?.OpensAt,
        customer?.ClosesAt ?? organisation?.ClosesAt,
        ParseDays(customer?.DeliveryDays ?? organisation?.DeliveryDays),
        customer?.PaymentTermsDays ?? organisation?.PaymentTermsDays,
        customer?.MaxDiscountPercent ?? organisation?.MaxDiscountPercent,
        customer?.ResponseHours ?? organisation?.ResponseHours,
        [.. Lines(customer?.Clauses), .. Lines(organisation?.Clauses)]);

    /// The written clause for a rule ("delivery: Deliveries run Monday to Friday." for "delivery"), the customer's own
    /// first. A rule may be named in English, Italian or Greek ("consegna:", "παράδοση:"), and worded once per language,
    /// each on its own line: for a reader's language the clause written in it is quoted; one written in another language
    /// is not (the draft then states the rule in its own words, in the customer's language), and one too short to tell
    /// its language is taken as it is. Without a language, the first clause for the rule.
    public string? ClauseFor(string rule, string? language = null)
    {
        string? unsure = null;
        foreach (var line in Clauses)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsRule(line[..colon].Trim(), rule) || line[(colon + 1)..].Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            if (language is null)
            {
                return text;
            }

            var written = Analysis.MessageAnalyzer.Default.Analyze(text).Language;
            if (written.Code == language)
            {
                return text;
            }

            if (written.Code == "und" || written.Confidence < 0.5)
            {
                unsure ??= text;
            }
        }

        return unsure;
    }

    /// The words a rule goes by at the start of a clause, in English, Italian and Greek.
    public static readonly IReadOnlyDictionary<string, string[]> RuleNames = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["delivery"] = ["delivery", "consegna", "consegne", "παράδοση", "παραδόσεις"],
        ["opening"] = ["opening", "apertura", "orari", "ωράριο"],
        ["deposit"] = ["deposit", "acconto", "anticipo", "προκαταβολή"],
        ["discount"] = ["discount", "sconto", "sconti", "έκπτωση", "εκπτώσεις"],
        ["payment"] = ["payment", "pagamento", "pagamenti", "πληρωμή", "πληρωμές"],
        ["response"] = ["response", "risposta", "risposte", "απάντηση"],
    };

    private static bool IsRule(string word, string rule) =>
        RuleNames.TryGetValue(rule, out var names)
            ? names.Any(name => Customers.SearchText.Fold(name) == Customers.SearchText.Fold(word))
            : string.Equals(word, rule, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<DayOfWeek>? ParseDays(string? codes) =>
        string.IsNullOrWhiteSpace(codes) ? null
        : [.. Words(codes).Select(DayOf).Where(day => day is not null).Select(day => day!.Value).Distinct().Order()];

    /// Null when every word is a day; otherwise the first one that is not.
    public static string? BadDay(string? codes) => codes is null ? null : Words(codes).FirstOrDefault(word => DayOf(word) is null);

    /// Days as a person types them, in English, Italian or Greek, whole or short, with or without accents, separated
    /// by commas or spaces ("lunedì, martedì", "Δευτέρα Τρίτη", "mon,tue"), as the stored codes ("mon,tue").
    public static string? DayCodesOf(string? days) =>
        string.IsNullOrWhiteSpace(days) ? null
        : string.Join(',', Words(days).Select(DayOf).Where(day => day is not null).Distinct().Order().Select(day => DayCodes[(int)day!.Value]));

    /// The stored codes as short day names in the reader's language ("lun, mar, mer").
    public static string? ShortDayNames(string? codes, CultureInfo culture) =>
        ParseDays(codes) is { } days ? string.Join(", ", days.Select(d => culture.DateTimeFormat.GetAbbreviatedDayName(d).TrimEnd('.'))) : null;

    /// The stored codes as whole day names in the reader's language ("lunedì, martedì").
    public static string? DayNames(string? codes, CultureInfo culture) =>
        ParseDays(codes) is { } days ? string.Join(", ", days.Select(culture.DateTimeFormat.GetDayName)) : null;

    private static readonly string[] DayLanguages = ["en", "it", "el", "es", "fr", "de", "pt"];

    private static readonly char[] DaySeparators = [',', ';', ' ', '/'];

    private static readonly Dictionary<string, DayOfWeek> DayWords = BuildDayWords();

    private static Dictionary<string, DayOfWeek> BuildDayWords()
    {
        var words = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal);
        for (var i = 0; i < 7; i++)
        {
            words[DayCodes[i]] = (DayOfWeek)i;
        }

        foreach (var culture in DayLanguages.Select(CultureInfo.GetCultureInfo))
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                foreach (var name in new[] { culture.DateTimeFormat.GetDayName(day), culture.DateTimeFormat.GetAbbreviatedDayName(day) })
                {
                    // The two-letter forms are left out: "di" is Sunday in French and Tuesday in German.
                    words.TryAdd(Customers.SearchText.Fold(name.TrimEnd('.')), day);
                }
            }
        }

        // Greek days as they are typed in Latin letters (greeklish).
        string[][] greeklish =
        [
            ["kyriaki", "kiriaki"], ["deftera", "deutera"], ["triti"], ["tetarti"], ["pempti", "pemti"], ["paraskevi", "paraskeui"], ["savvato", "sabbato", "savato"],
        ];
        for (var i = 0; i < 7; i++)
        {
            foreach (var word in greeklish[i])
            {
                words.TryAdd(word, (DayOfWeek)i);
            }
        }

        return words;
    }

    private static DayOfWeek? DayOf(string word) =>
        DayWords.TryGetValue(Customers.SearchText.Fold(word.TrimEnd('.')), out var day) ? day : null;

    private static string[] Words(string days) =>
        days.Split(DaySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// "lunedì, martedì e sabato" in the reader's language.
    public static string DayNames(IEnumerable<DayOfWeek> days, CultureInfo culture, string and)
    {
        var names = days.Select(d => culture.DateTimeFormat.GetDayName(d)).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " " + and + " " + names[^1];
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
