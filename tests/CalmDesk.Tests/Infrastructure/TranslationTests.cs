using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Infrastructure;

/// Every text the interface shows by its English key has an Italian and a Greek translation.
public sealed partial class TranslationTests
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<string> Languages => new() { "it", "el" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Pages_EveryLiteralKey_IsTranslated(string language)
    {
        var keys = Directory.EnumerateFiles(Path.Combine(Root, "src", "CalmDesk"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => PageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .ToHashSet(StringComparer.Ordinal);

        var missing = keys.Except(Keys(Path.Combine(Root, "src", "CalmDesk", "Infrastructure", $"Texts.{language}.resx"))).Order(StringComparer.Ordinal).ToList();

        Assert.True(keys.Count > 100, "The scan found too few keys to be working.");
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void CoreMessages_EveryKey_IsTranslated(string language)
    {
        // The web project's API answers use the same messages (a validation error follows Accept-Language).
        var keys = new[] { "CalmDesk.Core", "CalmDesk" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => MessageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        var missing = keys.Except(Keys(Path.Combine(Root, "src", "CalmDesk.Core", "Localization", $"Messages.{language}.resx"))).Order(StringComparer.Ordinal).ToList();

        Assert.True(keys.Count > 50, "The scan found too few keys to be working.");
        Assert.Empty(missing);
    }

    /// The audit page names every field an entry can hold by a label (field_X, or the forms' own X), never by the
    /// database's English name.
    [Theory]
    [MemberData(nameof(Languages))]
    public void AuditFields_EveryOne_HasALabel(string language)
    {
        using var db = new Data.CalmDeskDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Data.CalmDeskDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        var fields = Audit.AuditTrail.Fields(db.Model).ToList();
        var keys = Keys(Path.Combine(Root, "src", "CalmDesk", "Infrastructure", $"Texts.{language}.resx")).ToHashSet(StringComparer.Ordinal);

        Assert.True(fields.Count > 60, "The audit trail's fields were not found.");
        Assert.Empty(fields.Where(f => !keys.Contains("field_" + f) && !keys.Contains(f)).Order(StringComparer.Ordinal));
    }

    /// Keys built at run time from a prefix and a value ("severity_" + High) escape the literal scan above.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Pages_EveryComposedKey_IsTranslated(string language)
    {
        IEnumerable<string> Prefixed(string prefix, IEnumerable<string> values) => values.Select(v => prefix + v);
        var keys = new[]
        {
            Prefixed("severity_", Enum.GetNames<Incidents.IncidentSeverity>()),
            Prefixed("letgo_", Enum.GetNames<Offboarding.LetGoReason>()),
            Prefixed("recipient_", Enum.GetNames<Campaigns.RecipientStatus>()),
            Prefixed("handover_", Enum.GetNames<Reps.HandoverReason>()),
            Prefixed("handover_status_", Enum.GetNames<Reps.HandoverStatus>()),
            Prefixed("letgo_status_", Enum.GetNames<Offboarding.OffboardingStatus>()),
            Prefixed("incident_source_", Enum.GetNames<Incidents.IncidentSource>()),
            Prefixed("auth_", Enum.GetNames<Mail.MailAuthentication>()),
            Prefixed("notification_", Enum.GetNames<Notifications.NotificationKind>()),
            Prefixed("abuse_", Incidents.RepTolerance.Kinds),
            Prefixed("reason_", Campaigns.Campaign.ReasonKinds),
            Prefixed("check_", Offboarding.OffboardingDesk.ChecklistItems),
            Prefixed("event_", Offboarding.OffboardingDesk.ChecklistItems),
            Prefixed("task_", Offboarding.OffboardingDesk.Tasks),
            Prefixed("event_task_", Offboarding.OffboardingDesk.Tasks),
            Prefixed("ladder_", ["educate", "boundaries", "reassign", "let_go"]),
            Prefixed("health_", ["cost", "anger", "abuse", "boundaries", "payment", "cases", "promises"]),
            Prefixed("band_", ["healthy", "watch", "at_risk"]),
            Prefixed("correction_", Enum.GetNames<Learning.CorrectionSource>()),
            Prefixed("run_", Enum.GetNames<Learning.ModelRunStatus>()),
        }.SelectMany(k => k).ToList();

        var missing = keys.Except(Keys(Path.Combine(Root, "src", "CalmDesk", "Infrastructure", $"Texts.{language}.resx"))).ToList();

        Assert.Empty(missing);
    }

    /// A text with a count has its "one" form ("{0} day") beside the key ("{0} days") in English, Italian and Greek,
    /// or a reader sees "1 giorni"; the "one" form falls back to English when a language lacks it.
    [Fact]
    public void CountedTexts_HaveTheirOneForm_InEveryLanguage()
    {
        var pageKeys = Directory.EnumerateFiles(Path.Combine(Root, "src", "CalmDesk"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => CountedPageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(["health_abuse", "health_boundaries", "health_cases", "health_promises"])
            .ToHashSet(StringComparer.Ordinal);
        var messageKeys = Directory.EnumerateFiles(Path.Combine(Root, "src", "CalmDesk.Core"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => CountedMessageKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            // Stored texts that start with a count are read with Messages.Count.
            .Concat(Localization.StoredText.Kinds.Where(k => k.StartsWith("{0} ", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(pageKeys.Count >= 10 && messageKeys.Count >= 1, "The scan found too few counted texts to be working.");
        var missing = new List<string>();
        foreach (var suffix in new[] { "", ".it", ".el" })
        {
            var texts = Keys(Path.Combine(Root, "src", "CalmDesk", "Infrastructure", $"Texts{suffix}.resx"));
            var messages = Keys(Path.Combine(Root, "src", "CalmDesk.Core", "Localization", $"Messages{suffix}.resx"));
            missing.AddRange(pageKeys.Where(k => !texts.Contains(k + "|one")).Select(k => $"Texts{suffix}: {k}|one"));
            missing.AddRange(messageKeys.Where(k => !messages.Contains(k + "|one")).Select(k => $"Messages{suffix}: {k}|one"));
        }

        Assert.Empty(missing);
    }

    /// Resource names ignore case: "Due" and "due" in one file means one of them is silently never shown.
    [Fact]
    public void ResourceFiles_HaveNoKeysThatDifferOnlyInCase()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();

        var clashes = files.SelectMany(file => Keys(file).GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => Path.GetFileName(file) + ": " + string.Join(" / ", g))).ToList();

        Assert.True(files.Count >= 6, "The scan found too few resource files to be working.");
        Assert.Empty(clashes);
    }

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\]|L\.(?:Count|Pick)\(\s*"((?:[^"\\]|\\.)*)"\s*,""")]
    private static partial Regex PageKey();

    [GeneratedRegex("""L\.(?:Count|Pick)\(\s*"((?:[^"\\]|\\.)*)"\s*,""")]
    private static partial Regex CountedPageKey();

    [GeneratedRegex("""Messages\.Count\(\s*"((?:[^"\\]|\\.)*)"\s*,""")]
    private static partial Regex CountedMessageKey();

    [GeneratedRegex("""Messages\.(?:Get|Format|Count)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex MessageKey();
}
