using System.Text;

namespace CalmDesk.Playbooks;

/// A drafted letter in the customer's language.
internal sealed record Letter(string Language, string Subject, string Body);

/// Puts letters together from `letters.md` (the middle) and `replies.md` (greeting and closing), with the values
/// filled in. Which sections make the letter is the caller's choice: a collection step, a boundary answer, an announcement.
internal static class LetterWriter
{
    public static Letter Write(
        PlaybookLibrary library, string language, string subject, IEnumerable<IReadOnlyList<string>> paragraphs, IReadOnlyDictionary<string, string> values, int seed)
    {
        var replies = library.Replies(language) ?? throw new InvalidOperationException("No reply texts are loaded, not even English.");
        var letters = library.Letters(language) ?? throw new InvalidOperationException("No letter texts are loaded, not even English.");
        var body = new StringBuilder();
        body.Append(ReplyDrafter.Fill(replies.Pick("greeting", seed), values)).Append('\n');
        foreach (var paragraph in paragraphs.Where(p => p.Count > 0))
        {
            body.Append(string.Join(' ', paragraph.Select(section => ReplyDrafter.Fill(letters.Pick(section, seed), values)))).Append("\n\n");
        }

        body.Append(ReplyDrafter.Fill(replies.Pick("closing", seed), values));
        return new Letter(letters.Language, ReplyDrafter.Fill(letters.Pick(subject, seed), values), body.ToString());
    }

    /// One section alone, filled: a call's talking points, a sentence for the page.
    public static string Section(PlaybookLibrary library, string language, string section, IReadOnlyDictionary<string, string> values, int seed) =>
        ReplyDrafter.Fill((library.Letters(language) ?? throw new InvalidOperationException("No letter texts are loaded.")).Pick(section, seed), values);
}
