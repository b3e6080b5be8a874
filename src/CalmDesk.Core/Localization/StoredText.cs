using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CalmDesk.Localization;

/// Sentences CalmDesk itself writes into records that people read later (a promise it makes, why a hand-over was
/// asked, the account summary for the colleague taking over, a mail problem). They were written in the language of
/// whoever's request happened to create them, so an Italian rep read a Greek manager's words and everyone read the
/// sweeps' English. Now each is stored in English, its kind being the English template, with dates written as ISO
/// (yyyy-MM-dd); <see cref="Read"/> recognises the template, takes its arguments back out and writes the sentence
/// in the reader's language, dates in the reader's format. Anything else (what a person typed, older rows written
/// in another language) is shown exactly as stored.
internal static partial class StoredText
{
    /// The templates CalmDesk stores. A template that starts with an argument starts with a count, so that it cannot
    /// swallow what a person typed.
    public static readonly IReadOnlyList<string> Kinds =
    [
        "Follow up on the price announcement: ask how it lands and whether a larger order would help.",
        "Call back about the price change: the customer replied angrily.",
        "The customer replied angrily to the price announcement.",
        "Check that it stayed fixed: {0}",
        "Ask how the new way is working for them, and note what they report: {0}",
        "Status update to the customer: {0}",
        "The rep asked to hand this account over.",
        "The rep who looked after this account left the team.",
        "A customer since {0}: {1}.",
        "No open cases.",
        "Open case: {0}",
        "No open promises.",
        "Open promise: {0} (due {1})",
        "Abuse incidents in the last 90 days: {0}.",
        "{0} in the last 30 days, including {1}, which this rep never accepts.",
        "{0} incidents in the last 30 days, above this rep's limit of {1}.",
        "It is not readable as mail.",
        "It has no From address, so it cannot be attributed.",
        "the server refused the user name or the password (or token).",
        "the secure connection failed: the server's certificate is not trusted, or it does not speak TLS on that port.",
        "cannot reach the server ({0}).",
        "the server name was not found: check the host.",
        "the server refused the connection: check the port.",
        "the server did not answer in time: check the host and the port.",
        "cannot reach the server from here: check the host and the network.",
        "the mailbox it was to go through was disconnected before it could be sent.",
        "The let-go checklist is answered and waits for your approval.",
        "the folder {0} does not exist.",
        "the server answered {0}: {1}",
        "The recipient's server sent it back.",
        "“{0}” was not delivered to {1}: {2}",
        "It is {0:N1} MB, more than the {1} MB a message may have, and has no text to keep. Ask the sender for a link or smaller files.",
        "Neither the sender {0} nor the recipients ({1}) are a known contact, and it answers no conversation CalmDesk knows.",
    ];

    private static readonly (string Template, Regex Pattern, bool[] Figures)[] Patterns = [.. Kinds.Select(k => (k, Compile(k), Figures(k)))];

    private static readonly HashSet<string> Constant = [.. Kinds.Where(k => !k.Contains('{', StringComparison.Ordinal))];

    /// The sentence to store: the template in English, arguments as given (dates as yyyy-MM-dd, numbers invariant).
    public static string Write(string template, params object?[] args)
    {
        if (!Kinds.Contains(template))
        {
            throw new ArgumentException($"'{template}' is not a stored kind; add it to StoredText.Kinds.", nameof(template));
        }

        return string.Format(CultureInfo.InvariantCulture, template, [.. args.Select(Invariant)]);
    }

    /// The stored sentence in the reader's language; lines are read one by one.
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(stored))]
    public static string? Read(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return stored;
        }

        if (stored.Contains('\n', StringComparison.Ordinal))
        {
            return string.Join('\n', stored.Split('\n').Select(ReadLine));
        }

        return ReadLine(stored);
    }

    private static string ReadLine(string line)
    {
        if (Constant.Contains(line))
        {
            return Messages.Get(line);
        }

        foreach (var (template, pattern, figures) in Patterns)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                object?[] args = [.. match.Groups.Cast<Group>().Skip(1).Select((g, i) => figures[i] && decimal.TryParse(g.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var figure)
                    ? figure : Typed(g.Value))];
                return args is [int count, ..] ? Messages.Count(template, count, args[1..]) : Messages.Format(template, args);
            }
        }

        return line;
    }

    private static object? Invariant(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset moment => DateOnly.FromDateTime(moment.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value,
    };

    // An argument back as what it was: a date to write in the reader's format, a count to choose the plural form.
    private static object Typed(string value) =>
        IsoDate().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d", CultureInfo.CurrentCulture)
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
            // A list of words CalmDesk knows (abuse kinds: "insult, threat of violence") is read word by word.
            : string.Join(", ", value.Split(", ").Select(part => Messages.Get(ReadLine(part))));

    /// For each argument, in the order the pattern captures them, whether the template formats it as a figure
    /// ("{0:N1}"): its stored invariant decimal is read back as a number, to be written with the reader's decimal
    /// mark. Other arguments are read as text, so a title that looks like "1.5" stays as typed.
    private static bool[] Figures(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Value.Contains(':', StringComparison.Ordinal))];

    private static Regex Compile(string template)
    {
        var pattern = new StringBuilder("^");
        foreach (var part in Placeholder().Split(template))
        {
            pattern.Append(part.Length > 0 && part.All(char.IsAsciiDigit) ? (part == "0" && pattern.Length == 1 ? @"(\d+)" : "(.+?)") : Regex.Escape(part));
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    [GeneratedRegex(@"\{(\d+)(?::[^}]+)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}
