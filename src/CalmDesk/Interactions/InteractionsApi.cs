using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Interactions;

internal sealed record InteractionRequest(
    string? Channel,
    string? Direction,
    DateTimeOffset? OccurredAt,
    string? Subject,
    string? Body,
    int? MinutesSpent,
    int? ContactId,
    string? AuthorName,
    string? ExternalId);

internal sealed record AngerCorrectionRequest(string? Level);

/// An e-mail to the customer outside any case; Confirm sends it even when the guard finds fault with it.
internal sealed record CustomerReplyRequest(string? Subject, string? Body, bool? Confirm = null, IReadOnlyList<AttachmentInput>? Attachments = null);

internal static class InteractionsApi
{
    public static RouteGroupBuilder MapInteractionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers/{customerId:int}/interactions").WithTags("Interactions").RequireAuthorization();
        group.MapGet("/", ListInteractions).WithName(nameof(ListInteractions)).WithSummary("A customer's timeline, newest first, paged");
        group.MapPost("/", AddInteraction).WithName(nameof(AddInteraction))
            .WithSummary("Record an email, call, chat, meeting or note")
            .WithDescription("`externalId` (for example a Message-ID) makes the call idempotent: the same id twice is refused with a validation error.");
        api.MapPost("/customers/{customerId:int}/replies", SendCustomerReply).WithTags("Interactions").RequireAuthorization().WithName(nameof(SendCustomerReply))
            .WithSummary("Send an e-mail to the customer's contact outside any case (queued in the outbox; recorded only without a mailbox that sends)")
            .WithDescription("The guard reads it first, as for a case reply: a validation problem whose \"guard\" entry names the words, until \"confirm\": true.");
        group.MapPut("/{id:long}/anger", CorrectAnger).WithName(nameof(CorrectAnger))
            .WithSummary("Set a customer message's anger level by hand (calm, annoyed, angry, furious) when the analysis got it wrong")
            .WithDescription("Shown instead of the analysis's level, and kept as a labelled example for the next refit of the model (`calmdesk analyze --retrain`).");
        return api;
    }

    public static async Task<Results<Ok<Page<InteractionView>>, ProblemHttpResult>> ListInteractions(
        int customerId, int? page, int? pageSize, HttpContext http, InteractionLog log, CancellationToken cancellationToken) =>
        await log.TimelineAsync(Viewer.From(http.User), customerId, page, pageSize, cancellationToken) is { } timeline
            ? TypedResults.Ok(timeline)
            : CustomersApi.NotFound(customerId);

    public static async Task<Results<Created<InteractionView>, ProblemHttpResult, ValidationProblem>> SendCustomerReply(
        int customerId, CustomerReplyRequest request, HttpContext http, InteractionLog log, Uploads files, CancellationToken cancellationToken)
    {
        var (attached, errors) = await files.FromApiAsync(request.Attachments, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await log.ReplyAsync(Viewer.From(http.User), customerId, request.Subject, request.Body, request.Confirm ?? false, attached, cancellationToken);
        return outcome switch
        {
            { Value: { } created } => TypedResults.Created($"/api/v1/customers/{customerId}/interactions/{created.Id}", created),
            { NotFound: true } => CustomersApi.NotFound(customerId),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }

    public static async Task<Results<Created<InteractionView>, ProblemHttpResult, ValidationProblem>> AddInteraction(
        int customerId, InteractionRequest request, HttpContext http, InteractionLog log, CancellationToken cancellationToken)
    {
        var input = new InteractionInput(
            request.Channel, request.Direction, request.OccurredAt, request.Subject, request.Body, request.MinutesSpent,
            request.ContactId, request.AuthorName, request.ExternalId);
        var outcome = await log.AddAsync(Viewer.From(http.User), customerId, input, cancellationToken);
        return outcome switch
        {
            { Value: { } created } => TypedResults.Created($"/api/v1/customers/{customerId}/interactions/{created.Id}", created),
            { NotFound: true } => CustomersApi.NotFound(customerId),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }

    public static async Task<Results<Ok<InteractionView>, ProblemHttpResult, ValidationProblem>> CorrectAnger(
        int customerId, long id, AngerCorrectionRequest request, HttpContext http, InteractionLog log, CancellationToken cancellationToken) =>
        await log.CorrectAngerAsync(Viewer.From(http.User), customerId, id, request.Level, cancellationToken) switch
        {
            { Value: { } view } => TypedResults.Ok(view),
            { NotFound: true } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Interaction not found",
                detail: $"There is no interaction {id} of customer {customerId} that you can see."),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };
}
