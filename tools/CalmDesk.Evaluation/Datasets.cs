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

/// <summary>Reads the labelled data: the project's corpus (eval/corpus, its fixed split) and public data in shared/data
/// as auxiliary training data and as extra dev sets. Share-alike data (ToLD-Br) is not used, so the model stays
/// under the project's licence.</summary>
internal static class Datasets
{
    private const int MaxPerDevSet = 1500;

    public static IEnumerable<Sample> Load(string data, string eval, Split split) => split == Split.Dev ? Dev(data, eval) : Train(data, eval);

    /// <summary>The corpus rows of one split.</summary>
    public static IEnumerable<Sample> Corpus(string eval, Split split) =>
        CorpusMessage.LoadAll(Path.Combine(eval, "corpus"))
            .Where(m => m.Message.Split == (split == Split.Dev ? "dev" : "train"))
            .Select(m => m.Message.ToSample());

    private static IEnumerable<Sample> Dev(string data, string eval)
    {
        foreach (var sample in Corpus(eval, Split.Dev))
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

        foreach (var sample in ToxicSpans(Path.Combine(data, "toxic_spans", "tsd_trial.csv"), "Toxic spans (comments, trial file)").Take(MaxPerDevSet))
        {
            yield return sample;
        }
    }

    /// <summary>The corpus's train split, then the public data outside every dev part: GoEmotions' train file, XED's English
    /// annotations and four fifths of every projection, four fifths of Davidson, and GermEval.</summary>
    private static IEnumerable<Sample> Train(string data, string eval)
    {
        foreach (var sample in Corpus(eval, Split.Train))
        {
            yield return sample;
        }

        foreach (var sample in GoEmotions(Path.Combine(data, "goemotions", "train.tsv"), "GoEmotions (train file)"))
        {
            yield return sample with { Source = "goemotions" };
        }

        foreach (var sample in XedEnglish(Path.Combine(data, "xed", "en-annotated.tsv")))
        {
            yield return sample with { Source = "xed" };
        }

        foreach (var language in new[] { "it", "el", "es", "fr", "de", "pt" })
        {
            foreach (var sample in XedProjections(Path.Combine(data, "xed", $"{language}-projections.train.tsv"), language, Split.Train))
            {
                yield return sample with { Source = "xed" };
            }
        }

        foreach (var sample in Davidson(Path.Combine(data, "davidson_hate_offensive", "labeled_data.csv"), Split.Train))
        {
            yield return sample with { Source = "davidson" };
        }

        foreach (var sample in GermEval(Path.Combine(data, "germeval2018", "germeval2018.training.txt")))
        {
            yield return sample with { Source = "germeval" };
        }
    }

    /// <summary>Reddit comments: anger (2) is angry; annoyance (3) is annoyed but not angry.</summary>
    private static IEnumerable<Sample> GoEmotions(string path, string name)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            var labels = f[1].Split(',');
            var angry = labels.Contains("2");
            yield return new Sample(name, "en", f[0], Sample.Partial(annoyed: angry || labels.Contains("3"), angry: angry));
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
                var angry = f[1].Split(',', StringSplitOptions.TrimEntries).Contains("1");
                yield return new Sample("XED (en subtitles)", "en", f[0], Sample.Partial(angry: angry));
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
            yield return new Sample(name, language, f[0], Sample.Partial(angry: labels.Contains("1")));
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
            yield return new Sample(name, "en", text, Sample.Partial(abusive: label is 0 or 1));
        }
    }

    /// <summary>Comments from the toxic part of Civil Comments with their toxic words marked (SemEval-2021 task 5's trial
    /// file, never trained on): a comment with a marked span is abusive, one whose annotators marked none is not. Its
    /// train file is not trained on either: 94 % of its comments are marked, so it teaches the look of a
    /// newspaper comment rather than abuse (tried: recall on the trial file fell from 0.62 to 0.40).</summary>
    private static IEnumerable<Sample> ToxicSpans(string path, string name)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var spans = (csv.GetField("spans") ?? "").Trim();
            yield return new Sample(name, "en", csv.GetField("text") ?? "", Sample.Partial(abusive: spans is not ("[]" or "")));
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
                yield return new Sample("GermEval 2018", "de", f[0], Sample.Partial(abusive: f[1] == "OFFENSE"));
            }
        }
    }
}
