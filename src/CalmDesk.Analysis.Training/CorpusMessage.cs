using System.Text.Json;
using System.Text.Json.Serialization;
using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>One message of the project's corpus (eval/corpus/LANG/*.jsonl), as docs/analysis-labels.md defines it.</summary>
internal sealed record CorpusMessage(
    string Id, string Lang, string Script, string Channel, string Industry, string Text, int Anger, CorpusAbuse? Abuse,
    IReadOnlyList<string> Threats, IReadOnlyList<string> Situations, string? Split)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static CorpusMessage Parse(string line) =>
        JsonSerializer.Deserialize<CorpusMessage>(line, Json) ?? throw new FormatException("An empty line.");

    /// <summary>Every message of every file under the corpus folder, with the file and line it came from.</summary>
    public static IEnumerable<(CorpusMessage Message, string File, int Line)> LoadAll(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.Length > 0)
                {
                    yield return (Parse(line), file, number);
                }
            }
        }
    }

    /// <summary>The corpus as the program carries it (embedded when the training library was built): the same messages as
    /// eval/corpus, in the same order.</summary>
    public static IEnumerable<CorpusMessage> LoadShipped()
    {
        var assembly = typeof(CorpusMessage).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("corpus/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    yield return Parse(line);
                }
            }
        }
    }

    private static readonly string[] Channels = ["email", "chat", "call_note", "sms"];
    private static readonly string[] Scripts = ["native", "unaccented", "greeklish"];
    private static readonly string[] Targets = ["staff", "company", "third_party", "none"];

    /// <summary>What the label guide forbids in this message, or null: an unknown value, an empty text, no split.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Text) ? "empty text"
        : !Analysis.LanguageDetector.Supported.Contains(Lang) ? $"language '{Lang}'"
        : !Channels.Contains(Channel) ? $"channel '{Channel}'"
        : !Scripts.Contains(Script) ? $"script '{Script}'"
        : Anger is < 0 or > 3 ? $"anger {Anger}"
        : Abuse is not null && (Abuse.Kinds.Count == 0 || Abuse.Kinds.Except(HeadNames.AbuseKinds).Any() || !Targets.Contains(Abuse.Target)) ? "abuse kinds or target"
        : Threats.Except(HeadNames.Threats).FirstOrDefault() is { } threat ? $"threat '{threat}'"
        : Situations.Except(HeadNames.Situations).FirstOrDefault() is { } situation ? $"situation '{situation}'"
        : Split is not ("train" or "dev") ? "no split: run 'corpus split'"
        : null;

    /// <summary>The answer to every head, from the labels.</summary>
    public bool?[] Labels() =>
    [
        Anger >= 1, Anger >= 2, Anger == 3, Abuse is not null, Abuse?.Target == "staff",
        .. HeadNames.AbuseKinds.Select(k => (bool?)(Abuse?.Kinds.Contains(k) == true)),
        .. HeadNames.Threats.Select(t => (bool?)Threats.Contains(t)),
        .. HeadNames.Situations.Select(s => (bool?)Situations.Contains(s)),
    ];

    public Sample ToSample() => new("customer messages (corpus)", Lang, Text, Labels()) { Channel = Channel, Script = Script, Id = Id };
}

internal sealed record CorpusAbuse(IReadOnlyList<string> Kinds, string Target);
