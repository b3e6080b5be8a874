using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using CalmDesk.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Mail;

internal static class MailApi
{
    public static RouteGroupBuilder MapMailApi(this RouteGroupBuilder api)
    {
        var mailboxes = api.MapGroup("/mailboxes").WithTags("Mail").RequireAuthorization(Policies.Admin);
        mailboxes.MapGet("/", ListMailboxes).WithName(nameof(ListMailboxes))
            .WithSummary("Connected mailboxes with their health: last fetch, last error, mail waiting, outbox (admins; secrets are never returned)");
        mailboxes.MapPost("/", AddMailbox).WithName(nameof(AddMailbox))
            .WithSummary("Connect a mailbox: IMAP (TLS or STARTTLS) with a password or an OAuth2 access token, and SMTP for sending (admins)");
        mailboxes.MapPut("/{id:int}", UpdateMailbox).WithName(nameof(UpdateMailbox))
            .WithSummary("Change a mailbox; an empty secret keeps the stored one (admins)");
        mailboxes.MapDelete("/{id:int}", DeleteMailbox).WithName(nameof(DeleteMailbox))
            .WithSummary("Disconnect a mailbox; the mail it brought stays on the timelines (admins)");
        mailboxes.MapPost("/{id:int}/test", TestMailbox).WithName(nameof(TestMailbox))
            .WithSummary("Log into the mailbox's IMAP and SMTP servers and say what fails, if anything (admins)");
        mailboxes.MapPost("/fetch", FetchMailboxes).WithName(nameof(FetchMailboxes))
            .WithSummary("Read every mailbox now instead of at the next poll (admins)");

        var inbox = api.MapGroup("/inbox").WithTags("Mail").RequireAuthorization();
        inbox.MapGet("/", GetInbox).WithName(nameof(GetInbox))
            .WithSummary("Conversations waiting for our reply, longest wait first, a page at a time (50; page and pageSize); mine=true for the caller's own customers");
        var unmatched = inbox.MapGroup("/unmatched");
        unmatched.MapGet("/", GetUnmatched).WithName(nameof(GetUnmatched))
            .WithSummary("Mail from senders nobody knows, and mail that could not be read, newest first");
        unmatched.MapPost("/{id:long}/link", LinkUnmatched).WithName(nameof(LinkUnmatched))
            .WithSummary("Say which customer (one the caller sees) sent it: the sender becomes a contact and the message joins the timeline and its case");
        unmatched.MapPost("/{id:long}/customer", CreateCustomerFromUnmatched).WithName(nameof(CreateCustomerFromUnmatched))
            .WithSummary("The sender is a new customer (`company`): created, owned by the caller, with the sender as contact, and the message linked to it");
        unmatched.MapPost("/{id:long}/dismiss", DismissUnmatched).WithName(nameof(DismissUnmatched))
            .WithSummary("Not customer mail (a newsletter, spam): take it off the queue (who did it is recorded)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<MailboxView>>> ListMailboxes(MailboxBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ListAsync(cancellationToken));

    public static async Task<Results<Created<MailboxView>, ValidationProblem>> AddMailbox(MailboxInput input, MailboxBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.AddAsync(input, cancellationToken);
        return outcome.Value is { } view ? TypedResults.Created($"/api/v1/mailboxes/{view.Id}", view) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<MailboxView>, ProblemHttpResult, ValidationProblem>> UpdateMailbox(
        int id, MailboxInput input, MailboxBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.UpdateAsync(id, input, cancellationToken), "Mailbox", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMailbox(int id, MailboxBook book, CancellationToken cancellationToken) =>
        await book.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("Mailbox", id);

    public static async Task<Results<Ok<MailboxTest>, ProblemHttpResult, ValidationProblem>> TestMailbox(int id, MailboxBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.TestAsync(id, cancellationToken), "Mailbox", id);

    public static async Task<Accepted> FetchMailboxes(MailService service, CancellationToken cancellationToken)
    {
        await service.RequestFetchAsync(cancellationToken);
        return TypedResults.Accepted("/api/v1/mailboxes");
    }

    public static async Task<Ok<Page<ConversationView>>> GetInbox(bool? mine, int? page, int? pageSize, HttpContext http, InboxBook inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.PageAsync(Viewer.From(http.User), mine ?? false, page, pageSize, cancellationToken));

    public static async Task<Ok<IReadOnlyList<InboundMailView>>> GetUnmatched(MailboxBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.WaitingAsync(cancellationToken));

    public static async Task<Results<Ok<InteractionView>, ProblemHttpResult, ValidationProblem>> LinkUnmatched(
        long id, LinkRequest request, HttpContext http, MailboxBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.LinkAsync(Viewer.From(http.User), id, request.CustomerId ?? 0, cancellationToken);
        return outcome.NotFound
            ? ApiResults.NotFound("Unmatched message", id)
            : outcome.Value is { } view ? TypedResults.Ok(view) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<InteractionView>, ProblemHttpResult, ValidationProblem>> CreateCustomerFromUnmatched(
        long id, NewCustomerRequest request, HttpContext http, MailboxBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.CreateCustomerAsync(Viewer.From(http.User), id, request.Company, cancellationToken);
        return outcome.NotFound
            ? ApiResults.NotFound("Unmatched message", id)
            : outcome.Value is { } view ? TypedResults.Ok(view) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DismissUnmatched(long id, HttpContext http, MailboxBook book, CancellationToken cancellationToken) =>
        await book.DismissAsync(Viewer.From(http.User), id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiResults.NotFound("Unmatched message", id);

    internal sealed record LinkRequest(int? CustomerId);

    internal sealed record NewCustomerRequest(string? Company);
}
