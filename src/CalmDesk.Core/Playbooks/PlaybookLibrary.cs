using CalmDesk.Cases;

namespace CalmDesk.Playbooks;

/// Every playbook, guide and set of reply texts found in the playbook folders, by language, with the problems found.
/// A later folder overrides an earlier one file by file (a manager's copy over the shipped one); a broken file is
/// reported and skipped, and whatever it would have replaced stays in use.
internal sealed class PlaybookLibrary
{
    public const string Fallback = "en";

    /// What can trigger a playbook: the situations a case carries, plus our own mistake and abuse aimed at staff.
    public static readonly IReadOnlySet<string> Triggers =
        new HashSet<string>([.. CaseChange.KnownSituations, "our_mistake", "abuse"], StringComparer.Ordinal);

    private readonly Dictionary<string, Dictionary<string, Playbook>> _playbooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guide> _guides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplyTexts> _replies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplyTexts> _letters = new(StringComparer.Ordinal);
    private readonly List<PlaybookProblem> _problems = [];

    public IReadOnlyList<PlaybookProblem> Problems => _problems;

    public IReadOnlyList<string> Languages => [.. _playbooks.Keys.Union(_guides.Keys).Union(_replies.Keys).Order(StringComparer.Ordinal)];

    public static PlaybookLibrary Load(IEnumerable<string> folders)
    {
        var library = new PlaybookLibrary();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var languageFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var language = Path.GetFileName(languageFolder).ToLowerInvariant();
                if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
                {
                    library._problems.Add(new(languageFolder, 0, "a language folder must be named by its ISO 639-1 code, e.g. 'it'"));
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(languageFolder, "*.md").Order(StringComparer.Ordinal))
                {
                    library.LoadFile(language, file);
                }
            }
        }

        library.CheckBannedPhrases();
        return library;
    }

    /// Every playbook in the language asked for, most important first; English stands in for any the language lacks.
    public IReadOnlyList<Playbook> All(string language)
    {
        var local = _playbooks.GetValueOrDefault(language.ToLowerInvariant()) ?? [];
        var fallback = _playbooks.GetValueOrDefault(Fallback) ?? [];
        return [.. local.Keys.Union(fallback.Keys)
            .Select(id => local.GetValueOrDefault(id) ?? fallback[id])
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// The playbooks a case's signals trigger, most important first.
    public IReadOnlyList<Playbook> Matching(IEnumerable<string> signals, string language)
    {
        var set = signals.ToHashSet(StringComparer.Ordinal);
        return [.. All(language).Where(p => p.Triggers.Any(set.Contains))];
    }

    public Guide? Guide(string language) => For(_guides, language);

    public ReplyTexts? Replies(string language) => For(_replies, language);

    public ReplyTexts? Letters(string language) => For(_letters, language);

    private static T? For<T>(Dictionary<string, T> byLanguage, string language) where T : class =>
        byLanguage.GetValueOrDefault(language.ToLowerInvariant()) ?? byLanguage.GetValueOrDefault(Fallback);

    private void LoadFile(string language, string path)
    {
        var problems = new List<PlaybookProblem>();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            _problems.Add(new(path, 0, exception.Message));
            return;
        }

        var document = PlaybookDocument.Parse(path, text, problems);
        var name = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        // Without a title nothing else can be read; otherwise every problem is reported at once, so one edit fixes them all.
        if (document.Title.Length > 0)
        {
            switch (name)
            {
                case "guide":
                    var guide = PlaybookReader.Guide(language, document, problems);
                    if (problems.Count == 0)
                    {
                        _guides[language] = guide;
                    }

                    break;
                case "replies":
                    var replies = PlaybookReader.Replies(language, document, problems);
                    if (problems.Count == 0)
                    {
                        _replies[language] = replies;
                    }

                    break;
                case "letters":
                    var letters = PlaybookReader.Letters(language, document, problems);
                    if (problems.Count == 0)
                    {
                        _letters[language] = letters;
                    }

                    break;
                default:
                    var playbook = PlaybookReader.Playbook(name, language, document, problems);
                    if (problems.Count == 0)
                    {
                        (_playbooks.TryGetValue(language, out var set) ? set : _playbooks[language] = new(StringComparer.Ordinal))[name] = playbook;
                    }

                    break;
            }
        }

        _problems.AddRange(problems);
    }

    /// The tone rules hold for what managers write too: no text of a language may contain that language's banned phrases.
    private void CheckBannedPhrases()
    {
        foreach (var (language, replies) in _replies)
        {
            var banned = replies.Banned.Select(b => b.ToLowerInvariant()).ToList();
            var letters = _letters.GetValueOrDefault(language);
            var texts = replies.Sections.Values.SelectMany(v => v).Select(t => (replies.File, t))
                .Concat(letters?.Sections.Values.SelectMany(v => v).Select(t => (letters.File, t)) ?? [])
                .Concat((_playbooks.GetValueOrDefault(language)?.Values ?? Enumerable.Empty<Playbook>()).SelectMany(p => p.Reply.Concat(p.Phrases).Select(t => (p.File, t))));
            foreach (var (file, text) in texts)
            {
                if (banned.FirstOrDefault(b => text.Contains(b, StringComparison.OrdinalIgnoreCase)) is { } phrase)
                {
                    _problems.Add(new(file, 0, $"'{text}' contains the banned phrase '{phrase}'"));
                }
            }
        }
    }
}
