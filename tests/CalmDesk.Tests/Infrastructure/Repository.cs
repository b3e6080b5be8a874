using System.Xml.Linq;

namespace CalmDesk.Infrastructure;

/// The checked-out repository the tests were built from.
internal static class Repository
{
    public static readonly string Root = FindRoot();

    /// The English texts of the pages and of Core whose translation into <paramref name="language"/> reads differently,
    /// so that finding one of them on a page in that language means the page was not translated.
    public static HashSet<string> EnglishTextsTranslatedInto(string language)
    {
        var english = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (folder, name) in new[] { (Path.Combine("src", "CalmDesk", "Infrastructure"), "Texts"), (Path.Combine("src", "CalmDesk.Core", "Localization"), "Messages") })
        {
            var translated = Values(Path.Combine(Root, folder, $"{name}.{language}.resx"));
            foreach (var (key, value) in Values(Path.Combine(Root, folder, $"{name}.resx")))
            {
                // Only whole texts: a template with a {0} or a plural form never appears on a page as it is written.
                if (value.Length >= 3 && !value.Contains('{', StringComparison.Ordinal) && translated.TryGetValue(key, out var other) && other != value)
                {
                    english.Add(value);
                }
            }
        }

        return english;
    }

    private static Dictionary<string, string> Values(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => ((string?)d.Element("value") ?? "").Trim(), StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CalmDesk.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CalmDesk.slnx) was not found above the test binaries.");
    }
}
