using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Boundaries;

internal sealed record BoundaryCheckRequest(int? CustomerId, string? Text);

internal static class BoundariesApi
{
    public static RouteGroupBuilder MapBoundariesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/terms").WithTags("Boundaries").RequireAuthorization();
        group.MapGet("/", OrganisationTerms).WithName(nameof(OrganisationTerms)).WithSummary("The organisation's written terms");
        group.MapPut("/", SaveOrganisationTerms).WithName(nameof(SaveOrganisationTerms)).RequireAuthorization(Policies.Manager)
            .WithSummary("Replace the organisation's terms (managers): deposit, opening and delivery days, payment terms, maximum discount, response time, clauses");
        group.MapGet("/customers/{customerId:int}", CustomerTerms).WithName(nameof(CustomerTerms))
            .WithSummary("A customer's contract terms, the organisation's, and the effective result");
        group.MapPut("/customers/{customerId:int}", SaveCustomerTerms).WithName(nameof(SaveCustomerTerms))
            .WithSummary("Replace a customer's contract terms; empty fields inherit the organisation's");
        group.MapGet("/customers/{customerId:int}/flags", BoundaryFlags).WithName(nameof(BoundaryFlags))
            .WithSummary("The customer's recent messages that ask for something the terms exclude, with the clause and a drafted answer");
        group.MapPost("/check", CheckText).WithName(nameof(CheckText))
            .WithSummary("Check a text against a customer's terms: what it asks for that they exclude, and the words that ask it");
        return api;
    }

    public static async Task<Ok<TermsView>> OrganisationTerms(HttpContext http, BoundaryBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok((await book.TermsAsync(Viewer.From(http.User), null, cancellationToken))!);

    public static async Task<Results<Ok<TermsView>, ProblemHttpResult, ValidationProblem>> SaveOrganisationTerms(
        TermsInput input, HttpContext http, BoundaryBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.SaveAsync(Viewer.From(http.User), null, input, cancellationToken), "Customer", 0);

    public static async Task<Results<Ok<TermsView>, ProblemHttpResult>> CustomerTerms(int customerId, HttpContext http, BoundaryBook book, CancellationToken cancellationToken) =>
        await book.TermsAsync(Viewer.From(http.User), customerId, cancellationToken) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("Customer", customerId);

    public static async Task<Results<Ok<TermsView>, ProblemHttpResult, ValidationProblem>> SaveCustomerTerms(
        int customerId, TermsInput input, HttpContext http, BoundaryBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.SaveAsync(Viewer.From(http.User), customerId, input, cancellationToken), "Customer", customerId);

    public static async Task<Results<Ok<IReadOnlyList<BoundaryFlag>>, ProblemHttpResult>> BoundaryFlags(
        int customerId, HttpContext http, BoundaryBook book, CancellationToken cancellationToken) =>
        await book.FlagsAsync(Viewer.From(http.User), customerId, null, cancellationToken) is { } flags ? TypedResults.Ok(flags) : ApiResults.NotFound("Customer", customerId);

    public static async Task<Results<Ok<IReadOnlyList<BoundaryBreach>>, ProblemHttpResult, ValidationProblem>> CheckText(
        BoundaryCheckRequest request, HttpContext http, BoundaryBook book, CancellationToken cancellationToken)
    {
        if (request.CustomerId is null || string.IsNullOrWhiteSpace(request.Text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [CalmDesk.Localization.Messages.Get("Give a customerId and the text to check.")] });
        }

        return await book.CheckAsync(Viewer.From(http.User), request.CustomerId.Value, request.Text, cancellationToken) is { } breaches
            ? TypedResults.Ok(breaches)
            : ApiResults.NotFound("Customer", request.CustomerId.Value);
    }

}
