using System.Diagnostics;
using System.Text.Json;

namespace CalmDesk.Evaluation;

/// <summary>The second baseline: the npm package vader-sentiment, run by node on the same texts; a compound
/// score of −0.05 or less counts as angry (and as abusive, for the abuse rows).</summary>
internal static class Vader
{
    public static async Task<double[]> CompoundAsync(string evalFolder, IReadOnlyList<string> texts)
    {
        var info = new ProcessStartInfo("node", Path.GetFullPath(Path.Combine(evalFolder, "vader.mjs")))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetFullPath(evalFolder),
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var reading = process.StandardOutput.ReadToEndAsync();
        foreach (var text in texts)
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { text }));
        }

        process.StandardInput.Close();
        var output = await reading;
        await process.WaitForExitAsync();
        var scores = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("compound").GetDouble()).ToArray();
        if (scores.Length != texts.Count)
        {
            throw new InvalidOperationException($"VADER answered {scores.Length} lines for {texts.Count} texts.");
        }

        return scores;
    }
}
