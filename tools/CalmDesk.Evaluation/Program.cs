using System.Globalization;
using CalmDesk.Evaluation.Reporting;
using CalmDesk.Evaluation.Corpus;
using CalmDesk.Evaluation.Training;

// Usage: dotnet run --project tools/CalmDesk.Evaluation -- corpus check EVAL_FOLDER
//        dotnet run --project tools/CalmDesk.Evaluation -- corpus split EVAL_FOLDER
//        dotnet run --project tools/CalmDesk.Evaluation -- train SHARED_DATA_FOLDER EVAL_FOLDER MODEL_FILE [--no-calibration]
//        dotnet run --project tools/CalmDesk.Evaluation -- SHARED_DATA_FOLDER EVAL_FOLDER REPORT.md MODEL_CARD.md
switch (args)
{
    case ["corpus", "check", var folder]:
        return CorpusCommands.Check(Path.Combine(folder, "corpus"));
    case ["corpus", "split", var folder]:
        return CorpusCommands.Split(Path.Combine(folder, "corpus"));
    case ["train", var trainData, var trainEval, var model, .. var options]:
        return new ModelTrainer(trainData, trainEval)
        {
            OnlyHeads = Option(options, "--heads")?.Split(','),
            Override = Option(options, "--l1") is { } l1 && Option(options, "--l2") is { } l2
                ? new HeadTrainer.Regularisation(float.Parse(l1, CultureInfo.InvariantCulture), float.Parse(l2, CultureInfo.InvariantCulture)) : null,
        }.Run(model, calibrate: !options.Contains("--no-calibration"));
    case [var data, var eval, var report, var card]:
        return await new QualityReport(data, eval).WriteAsync(report, card);
    default:
        Console.Error.WriteLine("usage: CalmDesk.Evaluation (corpus check|corpus split) EVAL_FOLDER | train SHARED_DATA EVAL_FOLDER MODEL_FILE | SHARED_DATA EVAL_FOLDER REPORT.md MODEL_CARD.md");
        return 2;
}

static string? Option(string[] options, string name) =>
    Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
