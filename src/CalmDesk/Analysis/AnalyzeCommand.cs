using System.CommandLine;
using System.Text;
using CalmDesk.Infrastructure;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using Spectre.Console;

namespace CalmDesk.Analysis;

/// <summary>`calmdesk analyze "TEXT"`, `calmdesk analyze --jsonl [FILE]`, `calmdesk analyze --reanalyze-all` and
/// `calmdesk analyze --retrain`.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("TEXT") { Description = "The message to analyse", Arity = ArgumentArity.ZeroOrOne };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines {\"id\", \"text\"} from FILE (or standard input) and write one JSON line per input" };
        var file = new Option<string?>("--file") { Description = "With --jsonl: the file to read (standard input when absent)" };
        var language = new Option<string?>("--language") { Description = "The language, when known (en, it, el, …)" };
        var reanalyze = new Option<bool>("--reanalyze-all") { Description = "Analyse every stored interaction again (after the model changed)" };
        var retrain = new Option<bool>("--retrain")
        {
            Description = "Refit the model on the shipped corpus and this installation's corrections; activate it only if it is not worse than the active one",
        };
        var command = new Command("analyze", "Analyse a message: language, anger, abuse, threats and situations, with evidence") { text, jsonl, file, language, reanalyze, retrain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(retrain))
            {
                return await RetrainAsync(parse, cancellationToken);
            }

            if (parse.GetValue(reanalyze))
            {
                return await ReanalyzeAsync(parse, cancellationToken);
            }

            if (parse.GetValue(jsonl))
            {
                var path = parse.GetValue(file) ?? parse.GetValue(text);
                return await JsonLinesAsync(path, parse.GetValue(language), cancellationToken);
            }

            if (parse.GetValue(text) is not { } message)
            {
                await Console.Error.WriteLineAsync("error: give the text to analyse, or --jsonl to read JSON lines.");
                return 1;
            }

            Print(MessageAnalyzer.Default.Analyze(message, new AnalysisOptions(Language: parse.GetValue(language))));
            return 0;
        });
        return command;
    }

    /// <summary>One output line per input line, in order; a bad line gets an error line and the run goes on.</summary>
    private static async Task<int> JsonLinesAsync(string? path, string? language, CancellationToken cancellationToken)
    {
        if (path is not null && !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"error: the file '{path}' does not exist.");
            return 1;
        }

        await using var input = path is null ? Console.OpenStandardInput() : File.OpenRead(path);
        await using var output = Console.OpenStandardOutput();
        using var lines = new JsonLines(MessageAnalyzer.Default, new AnalysisOptions(Language: language), output);
        lines.Run(input, cancellationToken);
        return lines.Errors > 0 ? 3 : 0;
    }

    private static async Task<int> ReanalyzeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<InteractionAnalysis>().ReanalyzeAsync(all: true, cancellationToken: cancellationToken);
        Console.WriteLine($"Re-analysed {count} interactions with analysis version {MessageAnalysis.CurrentVersion}.");
        return 0;
    }

    private static async Task<int> RetrainAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var retraining = scope.ServiceProvider.GetRequiredService<ModelRetraining>();
        var started = await retraining.StartAsync(null, cancellationToken);
        if (started.Value is not { } run)
        {
            await Console.Error.WriteLineAsync("error: " + string.Join(" ", started.Errors.SelectMany(e => e.Value)));
            return 1;
        }

        Console.WriteLine($"Refit {run.Id}: about a minute per corrected question on two cores, ten to twenty when every question is refitted.");
        run = await retraining.RunAsync(run.Id, Console.WriteLine, cancellationToken);
        switch (run.Status)
        {
            case ModelRunStatus.Activated:
                Console.WriteLine($"Activated model {run.Version}: not worse than {run.ComparedWith}. Re-reading stored messages…");
                var count = await scope.ServiceProvider.GetRequiredService<InteractionAnalysis>().ReanalyzeAsync(all: false, cancellationToken: cancellationToken);
                Console.WriteLine($"Re-analysed {count} interactions; running servers switch to the new model within a minute.");
                return 0;
            case ModelRunStatus.Rejected:
                Console.WriteLine($"Kept model {run.ComparedWith}: the refit {run.Version} is worse.");
                run.Reasons.ToList().ForEach(Console.WriteLine);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"error: the refit failed: {string.Join(" ", run.Reasons)}");
                return 1;
        }
    }

    private static void Print(AnalysisResult result)
    {
        AnsiConsole.MarkupLine($"[bold]Language[/] {result.Language.Code} ({result.Language.Confidence:P0})");
        AnsiConsole.MarkupLine($"[bold]Anger[/]    {result.Anger.Score:0.00} {result.Anger.Level.ToString().ToLowerInvariant()}");
        var abuse = result.Abuse.Kinds.Count == 0 ? "none" : string.Join(", ", result.Abuse.Kinds) + (result.Abuse.Targeted ? ", aimed at the reader" : ", not aimed at anyone");
        AnsiConsole.MarkupLine($"[bold]Abuse[/]    {result.Abuse.Score:0.00} {Markup.Escape(abuse)}");
        AnsiConsole.MarkupLine($"[bold]Threats[/]  {Markup.Escape(Describe(result.Threats))}");
        AnsiConsole.MarkupLine($"[bold]Situations[/] {Markup.Escape(Describe(result.Situations))}");
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(Highlight(result));
        AnsiConsole.WriteLine();
        foreach (var evidence in result.Evidence)
        {
            var words = result.Text.Substring(evidence.Offset, evidence.Length);
            AnsiConsole.MarkupLine($"  [yellow]{Markup.Escape(words)}[/] → {Markup.Escape(evidence.Label)} ({Markup.Escape(evidence.Rule)}, {evidence.Weight:+0.00;-0.00})");
        }

        foreach (var part in result.SetAside)
        {
            AnsiConsole.MarkupLine($"  [grey]set aside ({part.Kind}): characters {part.Span.Offset}–{part.Span.End}[/]");
        }
    }

    private static string Describe(IReadOnlyList<Finding> findings) =>
        findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => $"{f.Kind} {f.Score:0.00}"));

    /// <summary>The judged text with evidence underlined; everything escaped, since the text is the customer's.</summary>
    private static string Highlight(AnalysisResult result)
    {
        var marked = new bool[result.Text.Length];
        foreach (var evidence in result.Evidence)
        {
            Array.Fill(marked, true, evidence.Offset, evidence.Length);
        }

        var builder = new StringBuilder();
        var i = 0;
        while (i < result.Text.Length)
        {
            var start = i;
            var on = marked[i];
            while (i < result.Text.Length && marked[i] == on)
            {
                i++;
            }

            var piece = Markup.Escape(result.Text[start..i]);
            builder.Append(on ? $"[underline red]{piece}[/]" : piece);
        }

        return builder.ToString();
    }
}
