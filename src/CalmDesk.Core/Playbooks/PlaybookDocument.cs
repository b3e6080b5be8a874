using System.Text.RegularExpressions;

namespace CalmDesk.Playbooks;

/// The shape every playbook file shares, a small subset of Markdown a manager can edit in any text editor:
/// a "# Title" line, "key: value" lines, "## section" headings, and "- item" lines (an item continues on
/// lines indented by two spaces). Blank lines are ignored. Anything else is reported with its line number.
internal sealed partial class PlaybookDocument
{
    public static readonly IReadOnlySet<string> Placeholders =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "contact", "surname", "surname_vocative", "impact", "facts", "rep", "company", "title", "order", "what", "when", "date", "old_date",
            // letters: money, boundaries, announcements, introductions
            "invoice", "amount", "due", "days", "discount", "discount_date", "asked", "allowed", "clause", "deposit", "methods",
            "change", "effective", "reasons", "volume", "threshold", "better_rate", "competition", "experience", "credentials", "previous_rep",
            "percent", "competitor_percent", "scope", "end_date", "referrals", "orders", "average",
        };

    private PlaybookDocument(string file) => File = file;

    public string File { get; }

    public string Title { get; private set; } = "";

    public Dictionary<string, (string Value, int Line)> Meta { get; } = new(StringComparer.Ordinal);

    public List<Section> Sections { get; } = [];

    internal sealed class Section(string name, int line)
    {
        public string Name { get; } = name;

        public int Line { get; } = line;

        public Dictionary<string, (string Value, int Line)> Meta { get; } = new(StringComparer.Ordinal);

        public List<(string Text, int Line)> Items { get; } = [];
    }

    public static PlaybookDocument Parse(string file, string text, List<PlaybookProblem> problems)
    {
        var document = new PlaybookDocument(file);
        var lines = text.Split('\n');
        Section? section = null;
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].TrimEnd('\r').TrimEnd();
            if (index == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (document.Title.Length == 0)
            {
                if (!line.StartsWith("# ", StringComparison.Ordinal) || line[2..].Trim().Length == 0)
                {
                    problems.Add(new(file, number, "the file must start with a title line: '# Title'"));
                    return document;
                }

                document.Title = line[2..].Trim();
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var name = line[3..].Trim().ToLowerInvariant();
                if (document.Sections.Any(s => s.Name == name))
                {
                    problems.Add(new(file, number, $"section '{name}' appears twice"));
                }

                section = new Section(name, number);
                document.Sections.Add(section);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) && section is not null)
            {
                section.Items.Add((line[2..].Trim(), number));
                CheckPlaceholders(file, number, line, problems);
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal) && section is { Items.Count: > 0 })
            {
                var (previous, at) = section.Items[^1];
                section.Items[^1] = (previous + "\n" + line.Trim(), at);
                CheckPlaceholders(file, number, line, problems);
            }
            else if (MetaLine().Match(line) is { Success: true } meta)
            {
                var target = section?.Meta ?? document.Meta;
                var key = meta.Groups[1].Value.ToLowerInvariant();
                if (!target.TryAdd(key, (meta.Groups[2].Value.Trim(), number)))
                {
                    problems.Add(new(file, number, $"'{key}' is given twice"));
                }

                CheckPlaceholders(file, number, line, problems);
            }
            else
            {
                problems.Add(new(file, number, section is null
                    ? "expected 'key: value' or a '## section' heading"
                    : "expected '- item', 'key: value' or a '## section' heading"));
            }
        }

        if (document.Title.Length == 0)
        {
            problems.Add(new(file, 1, "the file is empty; it must start with a title line: '# Title'"));
        }

        return document;
    }

    public Section? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);

    private static void CheckPlaceholders(string file, int number, string line, List<PlaybookProblem> problems)
    {
        foreach (Match match in Placeholder().Matches(line))
        {
            if (!Placeholders.Contains(match.Groups[1].Value))
            {
                problems.Add(new(file, number, $"unknown placeholder '{match.Value}'; use one of {string.Join(", ", Placeholders.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"))}"));
            }
        }

        if (line.Count(c => c == '{') != line.Count(c => c == '}'))
        {
            problems.Add(new(file, number, "unbalanced '{' or '}'"));
        }
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z_-]*):\s*(.*)$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
