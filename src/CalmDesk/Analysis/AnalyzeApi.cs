using CalmDesk.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Analysis;

internal sealed record AnalyzeRequest(string? Text, string? Language);

internal static class AnalyzeApi
{
    public static RouteGroupBuilder MapAnalyzeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/analyze", Analyze).WithTags("Analysis").WithName(nameof(Analyze)).RequireAuthorization()
            .WithSummary("Analyse a message: language, anger, abuse, threats, situations, with evidence")
            .WithDescription("Offsets in `evidence` and `setAside` refer to the returned `text` (HTML is converted to text first). Scores are calibrated probabilities. Anger and abuse hold from 0.5; `threats` and `situations` list the findings whose score reaches that head's own threshold, chosen by the model's training (mostly 0.3 to 0.4; docs/analysis-quality.md).");
        return api;
    }

    public static Results<Ok<AnalysisDocument>, ValidationProblem> Analyze(AnalyzeRequest request, CalmDesk.Learning.ActiveModel model)
    {
        if (request.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [CalmDesk.Localization.Messages.Get("The text to analyse is required (it may be empty).")] });
        }

        if (request.Language is { Length: > 0 } language && !LanguageCodes.Supported.Contains(language.ToLowerInvariant()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["language"] = [CalmDesk.Localization.Messages.Format("'{0}' is not one of the analysed languages: {1}.", language, string.Join(", ", LanguageCodes.Supported))],
            });
        }

        var result = model.Analyzer.Analyze(request.Text, new AnalysisOptions(Language: request.Language));
        return TypedResults.Ok(AnalysisDocument.From(result) with { Text = result.Text });
    }
}
