using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Learning;

internal static class LearningApi
{
    public static RouteGroupBuilder MapLearningApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/learning").WithTags("Learning").RequireAuthorization(Policies.Manager);
        group.MapGet("/", GetLearning).WithName(nameof(GetLearning))
            .WithSummary("The model that reads messages, the corrections collected, and every refit with its scores (managers)");
        group.MapPost("/runs", StartRefit).WithName(nameof(StartRefit))
            .WithSummary("Refit the model on the shipped corpus and this installation's corrections, in the background (managers)")
            .WithDescription("Answers 202 with the run at once. The new model replaces the active one only if it is not worse on the shipped dev split and on held-out corrections; GET /learning shows the outcome. One run at a time: a second request while one runs is refused.");
        group.MapPost("/shipped", UseShippedModel).WithName(nameof(UseShippedModel))
            .WithSummary("Go back to the model shipped with CalmDesk (managers); stored messages are re-read in the background");
        return api;
    }

    public static async Task<Ok<LearningView>> GetLearning(LearningBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ViewAsync(cancellationToken));

    public static async Task<Results<Accepted<ModelRunView>, ValidationProblem>> StartRefit(
        HttpContext http, ModelRetraining retraining, RetrainService service, LearningBook book, CancellationToken cancellationToken)
    {
        var outcome = await retraining.StartAsync(Accounts.Viewer.From(http.User).UserId, cancellationToken);
        if (outcome.Value is not { } run)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }

        service.Enqueue(run.Id);
        var view = (await book.ViewAsync(cancellationToken)).Runs.First(r => r.Id == run.Id);
        return TypedResults.Accepted("/api/v1/learning", view);
    }

    public static async Task<Ok<LearningView>> UseShippedModel(ModelRetraining retraining, LearningBook book, CancellationToken cancellationToken)
    {
        await retraining.UseShippedModelAsync(cancellationToken);
        return TypedResults.Ok(await book.ViewAsync(cancellationToken));
    }
}
