using System.Globalization;
using CsvHelper;

namespace CalmDesk.Evaluation;

/// <summary>Reads the dev splits of the labelled data in shared/data and the project's hand-written messages.</summary>
internal static class Datasets
{
    private const int MaxPerSet = 1500;

    public static IEnumerable<Sample> Load(string data, string eval)
    {
        foreach (var sample in HandWritten(Path.Combine(eval, "messages.tsv")))
        {
            yield return sample;
        }

        foreach (var sample in GoEmotions(Path.Combine(data, "goemotions", "dev.tsv")).Take(MaxPerSet))
        {
            yield return sample;
        }

        foreach (var language in new[] { "it", "el" })
        {
            foreach (var sample in XedProjections(Path.Combine(data, "xed", $"{language}-projections.train.tsv"), language).Take(MaxPerSet))
            {
                yield return sample;
            }
        }

        foreach (var sample in Davidson(Path.Combine(data, "davidson_hate_offensive", "labeled_data.csv")).Take(MaxPerSet))
        {
            yield return sample;
        }
    }

    /// <summary>Customer messages written for this project, dev rows only.</summary>
    private static IEnumerable<Sample> HandWritten(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f[1] == "dev")
            {
                yield return new Sample("customer messages (hand-written)", f[0], f[4], f[2] == "1", f[3] == "1");
            }
        }
    }

    /// <summary>Reddit comments; anger (2) is positive, annoyance-only (3) is left out as neither clearly angry nor calm.</summary>
    private static IEnumerable<Sample> GoEmotions(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            var labels = f[1].Split(',');
            if (labels.Contains("3") && !labels.Contains("2"))
            {
                continue;
            }

            yield return new Sample("GoEmotions (Reddit, dev file)", "en", f[0], labels.Contains("2"), null);
        }
    }

    /// <summary>Subtitle lines projected from English; anger is emotion 1. Only the project's dev fifth is read.</summary>
    private static IEnumerable<Sample> XedProjections(string path, string language)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length != 2 || !DevSplit.IsDev(f[0]))
            {
                continue;
            }

            var labels = f[1].Split(',', StringSplitOptions.TrimEntries);
            yield return new Sample("XED (subtitles, dev fifth)", language, f[0], labels.Contains("1"), null);
        }
    }

    /// <summary>Tweets: hate speech (0) and offensive (1) count as abusive. Only the dev fifth is read.</summary>
    private static IEnumerable<Sample> Davidson(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var text = csv.GetField("tweet") ?? "";
            if (!DevSplit.IsDev(text))
            {
                continue;
            }

            var label = csv.GetField<int>("class");
            yield return new Sample("Davidson (tweets, dev fifth)", "en", text, null, label is 0 or 1);
        }
    }
}
