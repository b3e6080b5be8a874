namespace CalmDesk.Evaluation;

/// <summary>The first baseline: a message is abusive (and angry) when any word is on the language's
/// List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words list.</summary>
internal sealed class ProfanityBaseline(string data)
{
    private readonly Dictionary<string, HashSet<string>> _lists = new();

    public bool Flags(string language, string text)
    {
        if (!_lists.TryGetValue(language, out var words))
        {
            words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var folder in new[] { "ldnoobw", "ldnoobw_v2" })
            {
                var path = Path.Combine(data, folder, $"{language}.txt");
                if (File.Exists(path))
                {
                    words.UnionWith(File.ReadLines(path).Select(w => w.Trim()).Where(w => w.Length > 0));
                }
            }

            _lists[language] = words;
        }

        var lower = text.ToLowerInvariant();
        foreach (var token in lower.Split([' ', '\t', '\n', '.', ',', '!', '?', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Contains(token))
            {
                return true;
            }
        }

        // Multi-word entries ("figlio di puttana") are matched as phrases.
        return words.Any(w => w.Contains(' ', StringComparison.Ordinal) && lower.Contains(w, StringComparison.Ordinal));
    }
}
