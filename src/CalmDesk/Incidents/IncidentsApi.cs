using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Incidents;

internal sealed record MarkWrongRequest(string? Note);

internal sealed record ToleranceRequest(int? MaxIn30Days, IReadOnlyList<string>? Never);

internal static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization();
        group.MapGet("/", ListIncidents).WithName(nameof(ListIncidents))
            .WithSummary("Abuse incidents: your own (a rep), anyone's (`repId`, managers), or a customer's (`customerId`) you can see");
        group.MapPost("/{id:int}/wrong", MarkIncidentWrong).WithName(nameof(MarkIncidentWrong))
            .WithSummary("Mark a detected incident as wrongly detected (the rep who took it, or a manager); kept for the quality report");
        api.MapPost("/customers/{customerId:int}/incidents", RecordIncident).WithTags("Incidents").RequireAuthorization().WithName(nameof(RecordIncident))
            .WithSummary("Record abuse taken on a call by hand: severity (low, medium, high), kinds, what was said");
        var tolerance = api.MapGroup("/reps").WithTags("Incidents").RequireAuthorization();
        tolerance.MapGet("/me/tolerance", GetMyTolerance).WithName(nameof(GetMyTolerance)).WithSummary("Your line: incidents from one customer in 30 days, kinds never accepted");
        tolerance.MapPut("/me/tolerance", SaveMyTolerance).WithName(nameof(SaveMyTolerance)).WithSummary("Set your own line");
        tolerance.MapGet("/{repId:int}/tolerance", GetRepTolerance).WithName(nameof(GetRepTolerance))
            .WithSummary("A rep's line: yours, or anyone's for a manager (404 otherwise)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<IncidentView>>> ListIncidents(int? repId, int? customerId, HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ListAsync(Viewer.From(http.User), repId, customerId, cancellationToken));

    public static async Task<Results<Created<IncidentView>, ProblemHttpResult, ValidationProblem>> RecordIncident(
        int customerId, IncidentInput input, HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        await book.RecordAsync(Viewer.From(http.User), customerId, input, cancellationToken) switch
        {
            { Value: { } incident } => TypedResults.Created($"/api/v1/incidents?customerId={customerId}", incident),
            { NotFound: true } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"There is no customer {customerId} that you can see."),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<Results<Ok<IncidentView>, ProblemHttpResult, ValidationProblem>> MarkIncidentWrong(
        int id, MarkWrongRequest? request, HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.MarkWrongAsync(Viewer.From(http.User), id, request?.Note, cancellationToken), "Incident", id);

    public static async Task<Results<Ok<ToleranceView>, ProblemHttpResult>> GetMyTolerance(HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        await book.ToleranceAsync(Viewer.From(http.User), null, cancellationToken) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("Tolerance", 0);

    public static async Task<Results<Ok<ToleranceView>, ProblemHttpResult>> GetRepTolerance(int repId, HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        await book.ToleranceAsync(Viewer.From(http.User), repId, cancellationToken) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("Tolerance", repId);

    public static async Task<Results<Ok<ToleranceView>, ProblemHttpResult, ValidationProblem>> SaveMyTolerance(
        ToleranceRequest request, HttpContext http, IncidentBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.SaveToleranceAsync(Viewer.From(http.User), request.MaxIn30Days, request.Never, cancellationToken), "Rep profile", 0);
}
