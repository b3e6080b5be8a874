using System.Globalization;

namespace CalmDesk.Customers;

internal static class Languages
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Select(c => c.TwoLetterISOLanguageName)
        .Where(n => n.Length == 2)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    // Each country code with a culture of it, to name the country ("US" from en-US).
    private static readonly Dictionary<string, string> Countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => (Culture: c.Name, Region: c.Name.Split('-') is [_, var region] ? region : ""))
        .Where(r => r.Region.Length == 2)
        .GroupBy(r => r.Region.ToUpperInvariant())
        .ToDictionary(g => g.Key, g => g.First().Culture, StringComparer.OrdinalIgnoreCase);

    /// Every country code CalmDesk accepts.
    public static IReadOnlyCollection<string> CountryCodes => Countries.Keys;

    /// The country's name in the reader's language ("Regno Unito" for GB in Italian), or the code when unknown. A
    /// culture's display name is localised ("inglese (Regno Unito)"); its country is the last part in brackets.
    public static string CountryName(string code)
    {
        if (!Countries.TryGetValue(code.Trim(), out var culture))
        {
            return code;
        }

        var name = CultureInfo.GetCultureInfo(culture).DisplayName;
        var open = name.LastIndexOf('(');
        return open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1].Split(", ")[^1] : code.ToUpperInvariant();
    }

    /// Where a language is spoken when nothing says where: English means British usage (day before month, 24-hour
    /// clock in letters), Portuguese means Portugal's. Only a customer or user placed in the United States gets
    /// month-first dates.
    private static readonly Dictionary<string, string> UsualRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "GB", ["it"] = "IT", ["el"] = "GR", ["es"] = "ES", ["fr"] = "FR", ["de"] = "DE", ["pt"] = "PT",
    };

    public static bool IsKnown(string code) => code.Trim().Length == 2 && Known.Contains(code.Trim());

    /// An ISO 3166-1 alpha-2 country code that .NET knows a culture for ("GB", "US", "IT", "GR").
    public static bool IsKnownCountry(string code) => code.Trim().Length == 2 && Countries.ContainsKey(code.Trim());

    /// The culture of a language code, or null when .NET does not know it.
    public static CultureInfo? Culture(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// The culture to format dates, numbers and money for a language as written in a country: the language's
    /// own culture for that country when one exists ("en" in "US" is en-US, in "IE" en-IE), otherwise the
    /// language's usual country (en-GB, it-IT, el-GR); invariant when .NET does not know the language.
    public static CultureInfo CultureOrInvariant(string code, string? country = null)
    {
        var language = code.Trim();
        if (country is { Length: 2 } && Specific(language + "-" + country.Trim().ToUpperInvariant()) is { } exact)
        {
            return exact;
        }

        if (UsualRegion.TryGetValue(language, out var region) && Specific(language + "-" + region) is { } usual)
        {
            return usual;
        }

        return Culture(language) ?? CultureInfo.InvariantCulture;
    }

    /// The language's name in itself ("Italiano", "Ελληνικά"), or the code when unknown.
    public static string NativeName(string code) => Culture(code)?.NativeName ?? code;

    /// The language's name in the reader's language, for a sentence ("Drafted in Italian", "Bozza in italiano",
    /// "Προσχέδιο στα Ιταλικά"), or the code when unknown.
    public static string DisplayName(string code) =>
        Culture(code) is { } culture ? CultureInfo.GetCultureInfo(culture.TwoLetterISOLanguageName).DisplayName : code;

    private static CultureInfo? Specific(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
