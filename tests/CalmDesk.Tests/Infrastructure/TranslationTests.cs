using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CalmDesk.Infrastructure;

/// Every text the interface shows by its English key has an Italian and a Greek translation.
public sealed partial class TranslationTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Languages => new() { "it", "el" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Pages_EveryLiteralKey_IsTranslated(string language)
    {
        var keys = Directory.EnumerateFiles(Path.Combine(Root, "src", "CalmDesk"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => PageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        var missing = keys.Except(Keys(Path.Combine(Root, "src", "CalmDesk", "Infrastructure", $"Texts.{language}.resx"))).Order(StringComparer.Ordinal).ToList();

        Assert.True(keys.Count > 100, "The scan found too few keys to be working.");
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void CoreMessages_EveryKey_IsTranslated(string language)
    {
        var keys = Directory.EnumerateFiles(Path.Combine(Root, "src", "CalmDesk.Core"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => MessageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        var missing = keys.Except(Keys(Path.Combine(Root, "src", "CalmDesk.Core", "Localization", $"Messages.{language}.resx"))).Order(StringComparer.Ordinal).ToList();

        Assert.True(keys.Count > 50, "The scan found too few keys to be working.");
        Assert.Empty(missing);
    }

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

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

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex PageKey();

    [GeneratedRegex("""Messages\.(?:Get|Format)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex MessageKey();
}
