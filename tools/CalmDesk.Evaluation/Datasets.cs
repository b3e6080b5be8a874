using System.Globalization;
using CsvHelper;

namespace CalmDesk.Evaluation;

/// <summary>Which part of the labelled data to read: the training part (fitting the models) or the dev part
/// (the quality report). The two never overlap.</summary>
internal enum Split
{
    Train,
    Dev,
}

/// <summary>Reads the labelled data in shared/data and the project's hand-written messages, one split at a time.</summary>
internal static class Datasets
{
    private const int MaxPerDevSet = 1500;

    public const string HandWrittenName = "customer messages (hand-written)";

    public static IEnumerable<Sample> Load(string data, string eval, Split split) => split == Split.Dev ? Dev(data, eval) : Train(data, eval);

    private static IEnumerable<Sample> Dev(string data, string eval)
    {
        foreach (var sample in HandWritten(Path.Combine(eval, "messages.tsv"), "dev"))
        {
            yield return sample;
        }

        foreach (var sample in GoEmotions(Path.Combine(data, "goemotions", "dev.tsv"), "GoEmotions (Reddit, dev file)").Take(MaxPerDevSet))
        {
            yield return sample;
        }

        foreach (var language in new[] { "it", "el" })
        {
            foreach (var sample in XedProjections(Path.Combine(data, "xed", $"{language}-projections.train.tsv"), language, Split.Dev).Take(MaxPerDevSet))
            {
                yield return sample;
            }
        }

        foreach (var sample in Davidson(Path.Combine(data, "davidson_hate_offensive", "labeled_data.csv"), Split.Dev).Take(MaxPerDevSet))
        {
            yield return sample;
        }
    }

    /// <summary>Everything outside the dev split: GoEmotions' train file, XED's English annotations and four fifths of
    /// every projection, four fifths of Davidson, GermEval (de), ToLD-Br (pt) and the hand-written train rows.</summary>
    private static IEnumerable<Sample> Train(string data, string eval)
    {
        foreach (var sample in HandWritten(Path.Combine(eval, "messages.tsv"), "train"))
        {
            yield return sample;
        }

        foreach (var sample in GoEmotions(Path.Combine(data, "goemotions", "train.tsv"), "GoEmotions (train file)"))
        {
            yield return sample;
        }

        foreach (var sample in XedEnglish(Path.Combine(data, "xed", "en-annotated.tsv")))
        {
            yield return sample;
        }

        foreach (var language in new[] { "it", "el", "es", "fr", "de", "pt" })
        {
            foreach (var sample in XedProjections(Path.Combine(data, "xed", $"{language}-projections.train.tsv"), language, Split.Train))
            {
                yield return sample;
            }
        }

        foreach (var sample in Davidson(Path.Combine(data, "davidson_hate_offensive", "labeled_data.csv"), Split.Train))
        {
            yield return sample;
        }

        foreach (var sample in GermEval(Path.Combine(data, "germeval2018", "germeval2018.training.txt")))
        {
            yield return sample;
        }

        foreach (var sample in ToldBr(Path.Combine(data, "toldbr", "ToLD-BR.train.csv")))
        {
            yield return sample;
        }
    }

    /// <summary>Customer messages written for this project, rows of one split.</summary>
    private static IEnumerable<Sample> HandWritten(string path, string split)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f[1] == split)
            {
                yield return new Sample(HandWrittenName, f[0], f[4], f[2] == "1", f[3] == "1");
            }
        }
    }

    /// <summary>Reddit comments; anger (2) is positive, annoyance-only (3) is left out as neither clearly angry nor calm.</summary>
    private static IEnumerable<Sample> GoEmotions(string path, string name)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            var labels = f[1].Split(',');
            if (labels.Contains("3") && !labels.Contains("2"))
            {
                continue;
            }

            yield return new Sample(name, "en", f[0], labels.Contains("2"), null);
        }
    }

    /// <summary>English subtitle lines annotated by people; anger is emotion 1. Not part of any dev split.</summary>
    private static IEnumerable<Sample> XedEnglish(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length == 2)
            {
                yield return new Sample("XED (en subtitles)", "en", f[0], f[1].Split(',', StringSplitOptions.TrimEntries).Contains("1"), null);
            }
        }
    }

    /// <summary>Subtitle lines projected from English; anger is emotion 1. The dev fifth or the other four fifths.</summary>
    private static IEnumerable<Sample> XedProjections(string path, string language, Split split)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length != 2 || DevSplit.IsDev(f[0]) != (split == Split.Dev))
            {
                continue;
            }

            var labels = f[1].Split(',', StringSplitOptions.TrimEntries);
            var name = split == Split.Dev ? "XED (subtitles, dev fifth)" : "XED (subtitles, train)";
            yield return new Sample(name, language, f[0], labels.Contains("1"), null);
        }
    }

    /// <summary>Tweets: hate speech (0) and offensive (1) count as abusive. The dev fifth or the other four fifths.</summary>
    private static IEnumerable<Sample> Davidson(string path, Split split)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var text = csv.GetField("tweet") ?? "";
            if (DevSplit.IsDev(text) != (split == Split.Dev))
            {
                continue;
            }

            var label = csv.GetField<int>("class");
            var name = split == Split.Dev ? "Davidson (tweets, dev fifth)" : "Davidson (tweets, train)";
            yield return new Sample(name, "en", text, null, label is 0 or 1);
        }
    }

    /// <summary>German tweets: OFFENSE is abusive.</summary>
    private static IEnumerable<Sample> GermEval(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length == 3)
            {
                yield return new Sample("GermEval 2018", "de", f[0], null, f[1] == "OFFENSE");
            }
        }
    }

    /// <summary>Portuguese tweets with annotator votes: any vote for insult, obscene or a prejudice counts as abusive.</summary>
    private static IEnumerable<Sample> ToldBr(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var text = csv.GetField("text") ?? "";
            var votes = 0.0;
            foreach (var column in new[] { "homophobia", "obscene", "insult", "racism", "misogyny", "xenophobia" })
            {
                votes += csv.GetField<double>(column);
            }

            yield return new Sample("ToLD-Br", "pt", text, null, votes > 0);
        }
    }
}
