using System.Globalization;
using CalmDesk.Cases;

namespace CalmDesk.Playbooks;

/// Turns a parsed file into a guide, reply texts or a playbook, reporting what is missing or unknown with its line.
internal static class PlaybookReader
{
    private static readonly string[] PlaybookSections = ["goals", "steps", "avoid", "phrases", "reply"];

    public static Guide Guide(string language, PlaybookDocument document, List<PlaybookProblem> problems)
    {
        var steps = new Dictionary<string, GuideStep>(StringComparer.Ordinal);
        string[] expected = [.. CaseGuide.Steps, "pause", "response-time"];
        foreach (var section in document.Sections)
        {
            if (!expected.Contains(section.Name))
            {
                problems.Add(new(document.File, section.Line, $"unknown step '{section.Name}'; the steps are {string.Join(", ", expected)}"));
                continue;
            }

            var title = Required(document, section, "title", problems);
            var todo = Required(document, section, "do", problems);
            if (section.Items.Count == 0)
            {
                problems.Add(new(document.File, section.Line, $"step '{section.Name}' needs at least one '- phrase'"));
            }

            steps[section.Name] = new GuideStep(section.Name, title, todo, [.. section.Items.Select(i => i.Text)]);
        }

        foreach (var missing in expected.Where(s => !steps.ContainsKey(s)))
        {
            problems.Add(new(document.File, 1, $"step '{missing}' is missing"));
        }

        return new Guide(language, document.Title, steps, document.File);
    }

    public static ReplyTexts Replies(string language, PlaybookDocument document, List<PlaybookProblem> problems) =>
        Texts(language, document, ReplyTexts.Required, problems);

    public static ReplyTexts Letters(string language, PlaybookDocument document, List<PlaybookProblem> problems) =>
        Texts(language, document, ReplyTexts.LetterSections, problems);

    private static ReplyTexts Texts(string language, PlaybookDocument document, IReadOnlyList<string> required, List<PlaybookProblem> problems)
    {
        var sections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var section in document.Sections)
        {
            if (section.Name != "banned" && !required.Contains(section.Name) && !ReplyTexts.Optional.Contains(section.Name))
            {
                problems.Add(new(document.File, section.Line, $"unknown section '{section.Name}'; the sections are {string.Join(", ", required)}, banned"));
            }
            else if (section.Items.Count == 0)
            {
                problems.Add(new(document.File, section.Line, $"section '{section.Name}' needs at least one '- text'"));
            }

            sections[section.Name] = [.. section.Items.Select(i => i.Text)];
        }

        foreach (var missing in required.Where(s => !sections.ContainsKey(s)))
        {
            problems.Add(new(document.File, 1, $"section '{missing}' is missing"));
        }

        var banned = sections.GetValueOrDefault("banned") ?? [];
        sections.Remove("banned");
        return new ReplyTexts(language, sections, banned, document.File);
    }

    public static Playbook Playbook(string id, string language, PlaybookDocument document, List<PlaybookProblem> problems)
    {
        var triggers = new List<string>();
        if (!document.Meta.TryGetValue("triggers", out var triggerLine))
        {
            problems.Add(new(document.File, 1, "'triggers:' is missing, e.g. 'triggers: price_objection'"));
        }
        else
        {
            foreach (var trigger in triggerLine.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (PlaybookLibrary.Triggers.Contains(trigger))
                {
                    triggers.Add(trigger);
                }
                else
                {
                    problems.Add(new(document.File, triggerLine.Line, $"unknown trigger '{trigger}'; use {string.Join(", ", PlaybookLibrary.Triggers.Order(StringComparer.Ordinal))}"));
                }
            }
        }

        var priority = 0;
        if (!document.Meta.TryGetValue("priority", out var priorityLine))
        {
            problems.Add(new(document.File, 1, "'priority:' is missing (a whole number; higher comes first)"));
        }
        else if (!int.TryParse(priorityLine.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out priority))
        {
            problems.Add(new(document.File, priorityLine.Line, $"priority must be a whole number, not '{priorityLine.Value}'"));
        }

        foreach (var (key, (_, line)) in document.Meta.Where(m => m.Key is not ("triggers" or "priority")))
        {
            problems.Add(new(document.File, line, $"unknown setting '{key}'; a playbook has 'triggers:' and 'priority:'"));
        }

        foreach (var section in document.Sections.Where(s => !PlaybookSections.Contains(s.Name)))
        {
            problems.Add(new(document.File, section.Line, $"unknown section '{section.Name}'; the sections are {string.Join(", ", PlaybookSections)}"));
        }

        IReadOnlyList<string> Items(string name, bool required)
        {
            var section = document.Find(name);
            if (required && section is not { Items.Count: > 0 })
            {
                problems.Add(new(document.File, section?.Line ?? 1, $"section '{name}' needs at least one '- item'"));
            }

            return [.. section?.Items.Select(i => i.Text) ?? []];
        }

        return new Playbook(id, language, document.Title, triggers, priority,
            Items("goals", true), Items("steps", true), Items("avoid", true), Items("phrases", true), Items("reply", false), document.File);
    }

    private static string Required(PlaybookDocument document, PlaybookDocument.Section section, string key, List<PlaybookProblem> problems)
    {
        if (section.Meta.TryGetValue(key, out var value) && value.Value.Length > 0)
        {
            return value.Value;
        }

        problems.Add(new(document.File, section.Line, $"step '{section.Name}' needs '{key}: …'"));
        return "";
    }
}
