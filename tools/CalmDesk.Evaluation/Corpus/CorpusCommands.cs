using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CalmDesk.Evaluation.Corpus;

/// <summary>`corpus check`, `corpus split` and `corpus agreement`: the corpus's own quality gates, its fixed train/dev split,
/// and how far a second reader agrees with its labels.</summary>
internal static class CorpusCommands
{
    /// <summary>Near-duplicates above this estimated similarity count against the corpus.</summary>
    public const double NearDuplicateSimilarity = 0.7;

    /// <summary>The share of messages allowed in near-duplicate pairs before the check fails.</summary>
    public const double MaxNearDuplicateRate = 0.02;

    public const int DevEvery = 5; // a fifth of each language's messages, rarest labels first

    /// <summary>Reads every file (a line that is not a valid message fails), reports the labels per language, and
    /// fails when too many messages are near-copies of another.</summary>
    public static int Check(string folder)
    {
        var all = CorpusMessage.LoadAll(folder).ToList();
        var invalid = all.Select(m => (m.File, m.Line, Problem: m.Message.Problem())).Where(m => m.Problem is not null).ToList();
        foreach (var (file, line, problem) in invalid)
        {
            Console.WriteLine($"{file}:{line}: {problem}");
        }

        var duplicateIds = all.GroupBy(m => m.Message.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var id in duplicateIds)
        {
            Console.WriteLine($"duplicate id: {id}");
        }

        var pairs = NearDuplicates.Find([.. all.Select(m => (m.Message.Id, m.Message.Text))], NearDuplicateSimilarity);
        var involved = pairs.SelectMany(p => new[] { p.First, p.Second }).Distinct().Count();
        foreach (var pair in pairs.Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"near-duplicates ({pair.Similarity:0.00}): {pair.First} ~ {pair.Second}"));
        }

        var rate = all.Count == 0 ? 0 : (double)involved / all.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count} messages; {pairs.Count} near-duplicate pairs involving {involved} messages ({rate:P1}, allowed {MaxNearDuplicateRate:P0})"));
        foreach (var language in all.GroupBy(m => m.Message.Lang).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var labels = language.SelectMany(m => m.Message.Threats.Select(t => "threat:" + t).Concat(m.Message.Situations.Select(s => "situation:" + s))
                .Concat(m.Message.Abuse is null ? [] : ["abuse"]).Concat(m.Message.Anger >= 2 ? ["angry"] : []))
                .GroupBy(l => l).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"{language.Key}: {language.Count()} ({language.Count(m => m.Message.Split == "dev")} dev) · {string.Join(" · ", labels)}");
        }

        return invalid.Count == 0 && duplicateIds.Count == 0 && rate <= MaxNearDuplicateRate ? 0 : 1;
    }

    /// <summary>Gives every message without a split one, once and for good: per language, messages ordered by the rarest
    /// label they carry (then by a hash of their id), every fifth to dev. Messages that have a split keep it.</summary>
    public static int Split(string folder)
    {
        var all = CorpusMessage.LoadAll(folder).ToList();
        var frequency = all.SelectMany(m => Keys(m.Message)).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in all.Where(m => m.Message.Split is null).GroupBy(m => m.Message.Lang))
        {
            var ordered = language
                .OrderBy(m => Keys(m.Message).Select(k => frequency[k]).DefaultIfEmpty(int.MaxValue).Min())
                .ThenBy(m => TextHash.Of(m.Message.Id))
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                assigned[ordered[i].Message.Id] = i % DevEvery == DevEvery / 2 ? "dev" : "train";
            }
        }

        foreach (var file in all.Select(m => m.File).Distinct())
        {
            var lines = File.ReadAllLines(file).Select(line =>
            {
                if (line.Length == 0)
                {
                    return line;
                }

                var node = JsonNode.Parse(line)!.AsObject();
                if (node["split"] is null && assigned.TryGetValue((string)node["id"]!, out var split))
                {
                    node["split"] = split;
                }

                return node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            });
            File.WriteAllLines(file, lines);
        }

        Console.WriteLine($"{assigned.Count} messages given a split: {assigned.Values.Count(v => v == "dev")} dev, {assigned.Values.Count(v => v == "train")} train.");
        return 0;
    }

    /// <summary>How far a second reader agrees with the corpus. Each file eval/agreement/HEAD.jsonl (the head's name with
    /// '.' for ':', e.g. threat.churn.jsonl) holds one line per message a second reader labelled for that head without
    /// seeing the corpus's labels: {"id", "label", "sure", "why"}. Prints, per head, the share of messages both agree on,
    /// Cohen's kappa, and the F1 of the second reader against the corpus (a ceiling for any model on that head).</summary>
    public static int Agreement(string evalFolder)
    {
        var corpus = CorpusMessage.LoadAll(Path.Combine(evalFolder, "corpus")).ToDictionary(m => m.Message.Id, m => m.Message, StringComparer.Ordinal);
        var heads = Analysis.Learning.HeadNames.All.ToList();
        Console.WriteLine("| head | messages (corpus positives) | agree | Cohen's κ | second reader's F1 | unsure |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(evalFolder, "agreement"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            var head = Path.GetFileNameWithoutExtension(file).Replace('.', ':');
            var index = heads.IndexOf(head);
            if (index < 0)
            {
                Console.Error.WriteLine($"{file}: no head named '{head}'");
                return 1;
            }

            int tp = 0, fp = 0, fn = 0, tn = 0, unsure = 0;
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                using var answer = JsonDocument.Parse(line);
                var id = answer.RootElement.GetProperty("id").GetString()!;
                if (!corpus.TryGetValue(id, out var message) || message.Labels()[index] is not { } truth)
                {
                    Console.Error.WriteLine($"{file}: '{id}' is not in the corpus");
                    return 1;
                }

                var said = answer.RootElement.GetProperty("label").GetBoolean();
                unsure += answer.RootElement.TryGetProperty("sure", out var sure) && !sure.GetBoolean() ? 1 : 0;
                (tp, fp, fn, tn) = (truth, said) switch
                {
                    (true, true) => (tp + 1, fp, fn, tn),
                    (false, true) => (tp, fp + 1, fn, tn),
                    (true, false) => (tp, fp, fn + 1, tn),
                    _ => (tp, fp, fn, tn + 1),
                };
            }

            double n = tp + fp + fn + tn;
            var observed = (tp + tn) / n;
            var expected = (((tp + fp) * (double)(tp + fn)) + ((fn + tn) * (double)(fp + tn))) / (n * n);
            var kappa = (observed - expected) / (1 - expected);
            var f1 = 2.0 * tp / ((2 * tp) + fp + fn);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {head} | {n} ({tp + fn}) | {observed:0.00} | {kappa:0.00} | {f1:0.00} | {unsure} |"));
        }

        return 0;
    }

    private static IEnumerable<string> Keys(CorpusMessage m) =>
        m.Threats.Select(t => "t:" + t).Concat(m.Situations.Select(s => "s:" + s))
            .Concat(m.Abuse is null ? [] : m.Abuse.Kinds.Select(k => "k:" + k)).Append("anger:" + m.Anger.ToString(CultureInfo.InvariantCulture));
}
