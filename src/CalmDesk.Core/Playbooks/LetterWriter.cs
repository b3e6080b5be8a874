using System.Text;

namespace CalmDesk.Playbooks;

/// A drafted letter in the customer's language.
internal sealed record Letter(string Language, string Subject, string Body);

/// Puts letters together from `letters.md` (the middle) and `replies.md` (greeting and closing), with the values
/// filled in. Which sections make the letter is the caller's choice: a collection step, a boundary answer, an announcement.
internal static class LetterWriter
{
    public static Letter Write(
        PlaybookLibrary library, string language, string subject, IEnumerable<IReadOnlyList<string>> paragraphs, IReadOnlyDictionary<string, string> values, int seed) =>
        Compose(library, language, subject,
            paragraphs.Where(p => p.Count > 0).Select(p => string.Join(' ', p.Select(section => Section(library, language, section, values, seed)))), values, seed);

    /// A letter from paragraphs already filled (each with its own values, as a boundary answer needs), between the
    /// greeting and the closing.
    public static Letter Compose(
        PlaybookLibrary library, string language, string subject, IEnumerable<string> paragraphs, IReadOnlyDictionary<string, string> values, int seed)
    {
        var replies = library.Replies(language) ?? throw new InvalidOperationException("No reply texts are loaded, not even English.");
        var body = new StringBuilder();
        body.Append(Salutation.Greeting(replies, values, seed)).Append('\n');
        foreach (var paragraph in paragraphs)
        {
            body.Append(paragraph).Append("\n\n");
        }

        body.Append(ReplyDrafter.Fill(replies.Pick("closing", seed), values));
        return new Letter(library.Letters(language)?.Language ?? replies.Language, Section(library, language, subject, values, seed), body.ToString());
    }

    /// One section alone, filled: a call's talking points, a sentence for the page.
    public static string Section(PlaybookLibrary library, string language, string section, IReadOnlyDictionary<string, string> values, int seed) =>
        ReplyDrafter.Fill((library.Letters(language) ?? throw new InvalidOperationException("No letter texts are loaded.")).Pick(section, seed), values);
}
