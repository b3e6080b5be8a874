using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Offboarding;

internal sealed record StartOffboardingRequest(string? Reason, string? Note);

internal sealed record ChecklistAnswer(string? Item, string? Note);

internal sealed record ApprovalRequest(string? Note);

internal sealed record OffboardingTermsRequest(DateOnly? NonRenewalOn, IReadOnlyList<int>? Referrals);

internal sealed record TaskRequest(string? Task, string? Note);

internal sealed record CompetitorRequest(string? Name, string? Note);

internal static class OffboardingApi
{
    public static RouteGroupBuilder MapOffboardingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/offboarding").WithTags("Offboarding").RequireAuthorization();
        api.MapPost("/customers/{customerId:int}/offboarding", StartOffboarding).WithTags("Offboarding").RequireAuthorization().WithName(nameof(StartOffboarding))
            .WithSummary("Open the let-go checklist for a customer: reason abuse, ethics (direct letter), capacity or fit (discreet)");
        api.MapGet("/customers/{customerId:int}/offboarding", GetCustomerOffboarding).WithTags("Offboarding").RequireAuthorization().WithName(nameof(GetCustomerOffboarding))
            .WithSummary("The customer's let-go checklist with its audit trail");
        group.MapPost("/{id:int}/checklist", AnswerChecklist).WithName(nameof(AnswerChecklist))
            .WithSummary("Answer one item yes, with its evidence: facts_verified, rules_explained, education_tried, money_weighed");
        group.MapPost("/{id:int}/approve", ApproveOffboarding).WithName(nameof(ApproveOffboarding)).RequireAuthorization(Policies.Manager)
            .WithSummary("A manager's approval, only once the whole checklist is answered");
        group.MapPost("/{id:int}/terms", SetOffboardingTerms).WithName(nameof(SetOffboardingTerms))
            .WithSummary("The non-renewal date and up to two referrals from the competitor list, before the letter");
        group.MapPost("/{id:int}/letter", IssueOffboardingLetter).WithName(nameof(IssueOffboardingLetter))
            .WithSummary("Issue the letter in the customer's language; refused until the checklist is answered and approved");
        group.MapPost("/{id:int}/tasks", CompleteOffboardingTask).WithName(nameof(CompleteOffboardingTask))
            .WithSummary("Tick off a closing task: final_invoice, open_orders, data_returned");
        group.MapGet("/competitors", ListCompetitors).WithName(nameof(ListCompetitors)).WithSummary("Competitors a manager is willing to recommend");
        group.MapPost("/competitors", AddCompetitor).WithName(nameof(AddCompetitor)).RequireAuthorization(Policies.Manager).WithSummary("Add a competitor to the list (managers)");
        return api;
    }

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> StartOffboarding(
        int customerId, StartOffboardingRequest request, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.StartAsync(Viewer.From(http.User), customerId, request.Reason, request.Note, cancellationToken), "Customer", customerId);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult>> GetCustomerOffboarding(
        int customerId, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        await desk.ForCustomerAsync(Viewer.From(http.User), customerId, cancellationToken) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("Let-go checklist", customerId);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> AnswerChecklist(
        int id, ChecklistAnswer answer, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.AnswerAsync(Viewer.From(http.User), id, answer.Item, answer.Note, cancellationToken), "Let-go checklist", id);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> ApproveOffboarding(
        int id, ApprovalRequest? request, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.ApproveAsync(Viewer.From(http.User), id, request?.Note, cancellationToken), "Let-go checklist", id);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> SetOffboardingTerms(
        int id, OffboardingTermsRequest request, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.SetTermsAsync(Viewer.From(http.User), id, request.NonRenewalOn, request.Referrals, cancellationToken), "Let-go checklist", id);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> IssueOffboardingLetter(
        int id, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.IssueLetterAsync(Viewer.From(http.User), id, cancellationToken), "Let-go checklist", id);

    public static async Task<Results<Ok<OffboardingView>, ProblemHttpResult, ValidationProblem>> CompleteOffboardingTask(
        int id, TaskRequest request, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.CompleteTaskAsync(Viewer.From(http.User), id, request.Task, request.Note, cancellationToken), "Let-go checklist", id);

    public static async Task<Ok<IReadOnlyList<CompetitorView>>> ListCompetitors(OffboardingDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.CompetitorsAsync(cancellationToken));

    public static async Task<Results<Ok<CompetitorView>, ProblemHttpResult, ValidationProblem>> AddCompetitor(
        CompetitorRequest request, HttpContext http, OffboardingDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.AddCompetitorAsync(Viewer.From(http.User), request.Name, request.Note, cancellationToken), "Competitor", 0);
}
