using System.Globalization;
using CalmDesk.Evaluation.Reporting;
using CalmDesk.Evaluation;
using CalmDesk.Evaluation.Corpus;

// Usage: dotnet run --project tools/CalmDesk.Evaluation -- corpus check EVAL_FOLDER
//        dotnet run --project tools/CalmDesk.Evaluation -- corpus split EVAL_FOLDER
//        dotnet run --project tools/CalmDesk.Evaluation -- corpus agreement EVAL_FOLDER
//        dotnet run --project tools/CalmDesk.Evaluation -- train SHARED_DATA_FOLDER EVAL_FOLDER MODEL_FILE [--no-calibration] [--heads H,H] [--pooled H,H] [--keep MODEL_FILE] [--l1 X --l2 Y] [--fold-by-batch]
//        dotnet run --project tools/CalmDesk.Evaluation -- SHARED_DATA_FOLDER EVAL_FOLDER REPORT.md MODEL_CARD.md
switch (args)
{
    case ["corpus", "check", var folder]:
        return CorpusCommands.Check(Path.Combine(folder, "corpus"));
    case ["corpus", "split", var folder]:
        return CorpusCommands.Split(Path.Combine(folder, "corpus"));
    case ["corpus", "agreement", var folder]:
        return CorpusCommands.Agreement(folder);
    case ["train", var trainData, var trainEval, var model, .. var options]:
    {
        var bytes = new ModelTrainer
        {
            OnlyHeads = Option(options, "--heads")?.Split(','),
            PooledHeads = Option(options, "--pooled")?.Split(','),
            Keep = Option(options, "--keep") is { } keep ? LoadModel(keep) : null,
            Override = Option(options, "--l1") is { } l1 && Option(options, "--l2") is { } l2
                ? new HeadTrainer.Regularisation(float.Parse(l1, CultureInfo.InvariantCulture), float.Parse(l2, CultureInfo.InvariantCulture)) : null,
            Calibrate = !options.Contains("--no-calibration"),
            FoldByBatch = options.Contains("--fold-by-batch"),
        }.Train(options.Contains("--corpus-only")
            ? [.. CorpusMessage.LoadShipped().Where(m => m.Split == "train").Select(m => m.ToSample())]
            : [.. Datasets.Load(trainData, trainEval, Split.Train)]);
        await File.WriteAllBytesAsync(model, bytes);
        Console.WriteLine($"wrote {model} ({bytes.Length:N0} bytes), version {CalmDesk.Analysis.MessageAnalyzer.FromModel(new MemoryStream(bytes)).ModelVersion}");
        return 0;
    }

    case ["compare", var active, var candidate]:
    {
        var dev = CorpusMessage.LoadShipped().Where(m => m.Split == "dev").Select(m => m.ToSample()).ToList();
        var a = ModelScore.Of(LoadModel(active), dev);
        var b = ModelScore.Of(LoadModel(candidate), dev);
        Console.WriteLine($"active {a}\ncandidate {b}");
        foreach (var (x, y) in a.Heads.Zip(b.Heads))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x.Name,-34} {x.Positives,4} {x.F1:0.000} {y.F1:0.000} {y.F1 - x.F1:+0.000;-0.000}"));
        }

        var objections = new ModelComparison(a, b, new ModelScore([]), new ModelScore([])).Objections();
        Console.WriteLine(objections.Count == 0 ? "not worse" : string.Join("\n", objections));
        return 0;
    }

    case [var data, var eval, var report, var card]:
        return await new QualityReport(data, eval).WriteAsync(report, card);
    default:
        Console.Error.WriteLine("usage: CalmDesk.Evaluation (corpus check|corpus split|corpus agreement) EVAL_FOLDER | train SHARED_DATA EVAL_FOLDER MODEL_FILE | SHARED_DATA EVAL_FOLDER REPORT.md MODEL_CARD.md");
        return 2;
}

static CalmDesk.Analysis.MessageAnalyzer LoadModel(string path)
{
    using var file = File.OpenRead(path);
    return CalmDesk.Analysis.MessageAnalyzer.FromModel(file);
}

static string? Option(string[] options, string name) =>
    Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
