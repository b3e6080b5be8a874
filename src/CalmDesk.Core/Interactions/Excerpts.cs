namespace CalmDesk.Interactions;

/// Text cut down to size: a one-line excerpt of a message for a list, or a value that must fit its column.
internal static class Excerpts
{
    /// What ends a sentence in our languages' customer mail (the Greek question mark is typed as ';'), and a line break.
    public const string SentenceMarks = ".!?;\n";

    /// The text on one line, shortened to at most `max` characters.
    public static string Line(string text, int max) => Shorten(text.ReplaceLineEndings(" ").Trim(), max);

    /// At most `max` characters: when cut, the end is trimmed and marked with "…".
    public static string Shorten(string text, int max) => text.Length <= max ? text : Cut(text, max - 3).TrimEnd() + "…";

    /// Exactly at most `max` characters, for a column of that length: when cut, "…" takes the last place.
    public static string Fit(string text, int max) => text.Length <= max ? text : Cut(text, max - 1) + "…";

    /// At most `max` characters, cut between whole characters: half an emoji (a lone surrogate) is not valid UTF-8 for
    /// the database.
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
