using System.Text.Json;
using CalmDesk.Infrastructure;

namespace CalmDesk.Analysis;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task JsonLines_AnswersEachLineInOrder_AndReportsBadLinesWithoutStopping()
    {
        var file = Path.Combine(Path.GetTempPath(), $"calmdesk-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            "{\"id\": 1, \"text\": \"You idiots sent the WRONG pallets!!!\"}",
            "{\"id\": \"b\", \"text\": \"Grazie mille, tutto perfetto.\"}",
            "this is not json",
            "{\"id\": 4}",
            "{\"id\": 5, \"text\": \"Είστε απαράδεκτοι, θα πάρω δικηγόρο.\"}",
        ], TestContext.Current.CancellationToken);

        var (exit, output, _) = await CalmDeskProcess.RunAsync("analyze", "--jsonl", file);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, exit);
        Assert.Equal(5, lines.Count);
        Assert.Equal(1, lines[0].GetProperty("id").GetInt32());
        Assert.True(lines[0].GetProperty("abuse").GetProperty("targeted").GetBoolean());
        Assert.Equal("b", lines[1].GetProperty("id").GetString());
        Assert.Equal("calm", lines[1].GetProperty("anger").GetProperty("level").GetString());
        Assert.Equal(3, lines[2].GetProperty("line").GetInt32());
        Assert.Contains("line 3", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, lines[3].GetProperty("id").GetInt32());
        Assert.True(lines[3].TryGetProperty("error", out _));
        Assert.Equal("el", lines[4].GetProperty("language").GetString());
        Assert.Equal("legal", lines[4].GetProperty("threats")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task JsonLines_FromStandardInput_WithInvalidUtf8_StillAnswers()
    {
        using var process = CalmDeskProcess.Start("analyze", "--jsonl");
        var input = process.StandardInput.BaseStream;
        await input.WriteAsync("{\"id\":1,\"text\":\"bad byte \"}\n"u8.ToArray().Take(23).Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}\n"u8.ToArray()).ToArray(), TestContext.Current.CancellationToken);
        await input.WriteAsync("{\"id\":2,\"text\":\"🙂\"}\n"u8.ToArray(), TestContext.Current.CancellationToken);
        input.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task JsonLines_KeepsIdsAsGiven_ReadsEveryLineEnding_AndAnswersOddObjectsWithErrorLines()
    {
        var file = Path.Combine(Path.GetTempPath(), $"calmdesk-{Guid.NewGuid():N}.jsonl");
        // A byte order mark, CRLF and a lone CR, an id that is an object, a repeated key, a text that is a number.
        await File.WriteAllTextAsync(file, string.Concat(
            "\uFEFF{\"text\": \"Siete degli idioti!!!\", \"id\": {\"ticket\": [7, \"a\"]}}\r\n",
            "{\"id\": \"dup\", \"text\": \"first\", \"text\": \"Ευχαριστώ πολύ\"}\r{\"id\": 3, \"text\": 42}\n",
            "{\"id\": 4, \"text\": \"ok\"} trailing"), TestContext.Current.CancellationToken);

        var (exit, output, _) = await CalmDeskProcess.RunAsync("analyze", "--jsonl", file);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, exit);
        Assert.Equal(4, lines.Count);
        Assert.Equal("""{"ticket": [7, "a"]}""", lines[0].GetProperty("id").GetRawText());
        Assert.True(lines[0].GetProperty("abuse").GetProperty("targeted").GetBoolean());
        Assert.Equal("el", lines[1].GetProperty("language").GetString());
        Assert.Equal(3, lines[2].GetProperty("line").GetInt32());
        Assert.Contains("\"text\" must be a string", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, lines[3].GetProperty("id").GetInt32());
        Assert.Equal(4, lines[3].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Text_PrintsAReadableVerdictWithTheEvidence()
    {
        var (exit, output, _) = await CalmDeskProcess.RunAsync("analyze", "Ma siete degli incompetenti? Vergognatevi!!!");

        Assert.Equal(0, exit);
        Assert.Contains("Language it", output, StringComparison.Ordinal);
        Assert.Contains("incompetenti → abuse:insult", output, StringComparison.Ordinal);
        Assert.Contains("Vergognatevi → anger", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReanalyzeAll_AnalysesEveryStoredInteractionAgain()
    {
        var data = CalmDeskProcess.NewDataDirectory();
        Directory.CreateDirectory(data);
        var customers = Path.Combine(data, "customers.csv");
        var interactions = Path.Combine(data, "interactions.csv");
        await File.WriteAllTextAsync(customers, "external_id,company\nC-1,Trattoria Da Nino\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(interactions, "customer,body\nC-1,Siete degli idioti!!!\nC-1,Grazie mille\n", TestContext.Current.CancellationToken);
        await CalmDeskProcess.RunAsync("import", "customers", customers, "--data", data);
        await CalmDeskProcess.RunAsync("import", "interactions", interactions, "--data", data);

        var (exit, output, error) = await CalmDeskProcess.RunAsync("analyze", "--reanalyze-all", "--data", data);

        Assert.True(exit == 0, error);
        Assert.Contains("Re-analysed 2 interactions", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLines_InTheOptimisedChild_AnswersExactlyAsInProcess()
    {
        var file = Path.Combine(Path.GetTempPath(), $"calmdesk-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            "{\"id\": 1, \"text\": \"Third time the pallets are wrong. Fix it by Friday or we walk.\"}",
            "{\"id\": 2, \"text\": \"Ci mandate la fattura di marzo? Grazie\"}",
            "not json",
            "{\"id\": 4, \"text\": \"Είστε άχρηστοι, θα σας πάω στα δικαστήρια.\"}",
        ], TestContext.Current.CancellationToken);

        // DOTNET_TieredCompilation set by the caller means the process runs the batch itself.
        var inProcess = await CalmDeskProcess.RunAsync(new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1" }, "analyze", "--jsonl", file);
        var child = await CalmDeskProcess.RunAsync("analyze", "--jsonl", file);

        Assert.Equal(3, inProcess.ExitCode);
        Assert.Equal(inProcess.ExitCode, child.ExitCode);
        Assert.Equal(4, inProcess.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(inProcess.Output, child.Output);
    }

    [Fact]
    public async Task JsonLines_StoppedWithSigterm_StopsItsChildToo()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the process tree from /proc");
        using var process = CalmDeskProcess.Start("analyze", "--jsonl");
        // Standard input stays open: the batch waits for lines, in the child the launcher started.
        var childrenFile = $"/proc/{process.Id}/task/{process.Id}/children";
        int? child = null;
        for (var i = 0; i < 200 && child is null; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var listed = File.Exists(childrenFile) ? await File.ReadAllTextAsync(childrenFile, TestContext.Current.CancellationToken) : "";
            child = listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Cast<int?>().FirstOrDefault();
        }

        Assert.NotNull(child);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{child}"); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the child outlived its launcher");
    }
}
