using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using CalmDesk.Playbooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Commitments;

internal sealed record CommitmentRequest(int? CustomerId, int? CaseId, string? What, DateTimeOffset? DueAt, int? OwnerRepId);

internal sealed record CommitmentDelayRequest(DateTimeOffset? NewDueAt, string? Reason, string? Notice);

internal sealed record CommitmentCancelRequest(string? Reason);

internal sealed record CommitmentDoneRequest(string? Report);

internal static class CommitmentsApi
{
    public static RouteGroupBuilder MapCommitmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/commitments").WithTags("Commitments").RequireAuthorization();
        group.MapGet("/", ListCommitments).WithName(nameof(ListCommitments))
            .WithSummary("Your promises (managers: everyone's), most urgent first: overdue, at risk, upcoming");
        group.MapGet("/due", DueCommitments).WithName(nameof(DueCommitments)).WithSummary("Open promises due within `hours` (default 24), overdue ones included");
        group.MapGet("/{id:int}", GetCommitment).WithName(nameof(GetCommitment)).WithSummary("A promise with its history");
        group.MapPost("/", CreateCommitment).WithName(nameof(CreateCommitment))
            .WithSummary("Record a promise made to a customer; without `ownerRepId` it is yours (only managers may name another rep)");
        group.MapPost("/{id:int}/done", CompleteCommitment).WithName(nameof(CompleteCommitment)).WithSummary("Mark a promise as kept")
            .WithDescription("An optional body `{ \"report\": \"…\" }` keeps what the customer reported (a check-in after a change); for a case's promise it is added to the case as a note.");
        group.MapPost("/{id:int}/cancel", CancelCommitment).WithName(nameof(CancelCommitment)).WithSummary("Cancel a promise that no longer applies");
        group.MapGet("/{id:int}/delay-notice", DraftDelayNotice).WithName(nameof(DraftDelayNotice))
            .WithSummary("The drafted notice telling the customer of a delay to `newDueAt`, in their language");
        group.MapPost("/{id:int}/delay", DelayCommitment).WithName(nameof(DelayCommitment))
            .WithSummary("Move the due time after telling the customer: `notice` is required and recorded in their timeline; the history keeps both dates");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<CommitmentView>>> ListCommitments(
        bool? includeClosed, int? customerId, int? caseId, HttpContext http, CommitmentBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ListAsync(Viewer.From(http.User), includeClosed ?? false, customerId, caseId, cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<CommitmentView>>, ValidationProblem>> DueCommitments(
        int? hours, HttpContext http, CommitmentBook book, TimeProvider clock, CancellationToken cancellationToken) =>
        hours is < 0 or > CommitmentBook.MaxDueWindowHours
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = [CalmDesk.Localization.Messages.Format("Hours must be between 0 and {0}.", CommitmentBook.MaxDueWindowHours)] })
            : TypedResults.Ok(await book.DueAsync(Viewer.From(http.User), clock.GetUtcNow().AddHours(hours ?? 24), cancellationToken));

    public static async Task<Results<Ok<CommitmentView>, ProblemHttpResult>> GetCommitment(int id, HttpContext http, CommitmentBook book, CancellationToken cancellationToken) =>
        await book.GetAsync(Viewer.From(http.User), id, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound(id);

    public static async Task<Results<Created<CommitmentView>, ValidationProblem>> CreateCommitment(
        CommitmentRequest request, HttpContext http, CommitmentBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.CreateAsync(
            Viewer.From(http.User), new CommitmentInput(request.CustomerId, request.CaseId, request.What, request.DueAt, request.OwnerRepId), CommitmentSource.Manual, cancellationToken);
        return outcome.Value is { } created ? TypedResults.Created($"/api/v1/commitments/{created.Id}", created) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<CommitmentView>, ProblemHttpResult, ValidationProblem>> CompleteCommitment(
        int id, CommitmentDoneRequest? request, HttpContext http, CommitmentBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.CompleteAsync(Viewer.From(http.User), id, request?.Report, cancellationToken), "Promise", id);

    public static async Task<Results<Ok<CommitmentView>, ProblemHttpResult, ValidationProblem>> CancelCommitment(
        int id, CommitmentCancelRequest request, HttpContext http, CommitmentBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.CancelAsync(Viewer.From(http.User), id, request.Reason, cancellationToken), "Promise", id);

    public static async Task<Results<Ok<ReplyDraft>, ProblemHttpResult, ValidationProblem>> DraftDelayNotice(
        int id, DateTimeOffset? newDueAt, HttpContext http, DelayNotices notices, CancellationToken cancellationToken)
    {
        if (newDueAt is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newDueAt"] = [CalmDesk.Localization.Messages.Get("Give the new due time, e.g. ?newDueAt=2026-12-01T10:00:00Z.")] });
        }

        // The same dates the delay itself takes: a notice for a date that can never be saved helps no one.
        var errors = new Dictionary<string, string[]>();
        Data.BusinessDates.Check(errors, "newDueAt", newDueAt);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await notices.DraftAsync(Viewer.From(http.User), id, newDueAt.Value, http.User.FindFirst("name")?.Value, cancellationToken) is { } draft
            ? TypedResults.Ok(draft)
            : NotFound(id);
    }

    public static async Task<Results<Ok<CommitmentView>, ProblemHttpResult, ValidationProblem>> DelayCommitment(
        int id, CommitmentDelayRequest request, HttpContext http, CommitmentBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.DelayAsync(Viewer.From(http.User), id, request.NewDueAt, request.Reason, request.Notice, cancellationToken), "Promise", id);

    internal static ProblemHttpResult NotFound(int id) =>
        ApiResults.NotFound("Promise", id);

}
