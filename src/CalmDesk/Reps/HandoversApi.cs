using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Reps;

internal sealed record HandoverRequest(string? Why);

internal sealed record ApproveHandoverRequest(int? ToRepId);

internal static class HandoversApi
{
    public static RouteGroupBuilder MapHandoversApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/handovers").WithTags("Reps").RequireAuthorization();
        group.MapGet("/", ListHandovers).WithName(nameof(ListHandovers)).WithSummary("Hand-overs: all for managers, your own for a rep; `pending=true` for those waiting");
        group.MapPost("/{id:int}/approve", ApproveHandover).WithName(nameof(ApproveHandover)).RequireAuthorization(Policies.Manager)
            .WithSummary("Approve (managers), optionally to another colleague: the account moves and the new rep is asked to introduce themselves");
        group.MapPost("/{id:int}/decline", DeclineHandover).WithName(nameof(DeclineHandover)).RequireAuthorization(Policies.Manager).WithSummary("Decline (managers)");
        api.MapPost("/customers/{customerId:int}/handover", RequestHandover).WithTags("Reps").RequireAuthorization().WithName(nameof(RequestHandover))
            .WithSummary("Ask to hand one of your accounts to a colleague; a manager approves");
        api.MapGet("/customers/{customerId:int}/colleagues", ListColleagues).WithTags("Reps").RequireAuthorization(Policies.Manager).WithName(nameof(ListColleagues))
            .WithSummary("Colleagues who could take the account (managers): whose line its recent incidents would not cross first, then by workload");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HandoverView>>> ListHandovers(bool? pending, HttpContext http, HandoverDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.ListAsync(Viewer.From(http.User), pending ?? false, cancellationToken));

    public static async Task<Results<Ok<HandoverView>, ProblemHttpResult, ValidationProblem>> RequestHandover(
        int customerId, HandoverRequest? request, HttpContext http, HandoverDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.RequestAsync(Viewer.From(http.User), customerId, request?.Why, cancellationToken), "Customer", customerId);

    public static async Task<Results<Ok<HandoverView>, ProblemHttpResult, ValidationProblem>> ApproveHandover(
        int id, ApproveHandoverRequest? request, HttpContext http, HandoverDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.ApproveAsync(Viewer.From(http.User), id, request?.ToRepId, cancellationToken), "Hand-over", id);

    public static async Task<Results<Ok<HandoverView>, ProblemHttpResult, ValidationProblem>> DeclineHandover(
        int id, HttpContext http, HandoverDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.DeclineAsync(Viewer.From(http.User), id, cancellationToken), "Hand-over", id);

    public static async Task<Ok<IReadOnlyList<Colleague>>> ListColleagues(
        int customerId, HttpContext http, HandoverDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.ColleaguesForAsync(customerId, cancellationToken));
}
