using CalmDesk.Accounts;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;
using CalmDesk.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Receivables;

internal sealed record CollectionSendRequest(string? Subject, string? Body);

/// An invoice's document as the API shows it: where to download it, not where it is kept.
internal sealed record InvoiceDocumentView(int InvoiceId, string Number, string FileName, string ContentType, long Size, string Download);

internal static class ReceivablesApi
{
    public static RouteGroupBuilder MapReceivablesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/receivables").WithTags("Receivables").RequireAuthorization();
        group.MapGet("/aging", AgedBook).WithName(nameof(AgedBook))
            .WithSummary("The aged book on `asOf` (default today): per customer and currency, current / 1-30 / 31-60 / 61-90 / 90+ days, oldest debts first, a page at a time (`page`, `pageSize` up to 200, default 50; `customerCount` in all), with the totals and DSO over every customer");
        group.MapGet("/customers/{customerId:int}", CustomerAccount).WithName(nameof(CustomerAccount))
            .WithSummary("One customer's account: aging, invoices with what is open, payments, and payment behaviour month by month");
        group.MapGet("/overdue", OverdueInvoices).WithName(nameof(OverdueInvoices))
            .WithSummary("Open invoices past their due date, most overdue first, a page at a time (`page`, `pageSize` up to 200, default 50)");
        group.MapPost("/invoices", AddInvoice).WithName(nameof(AddInvoice))
            .WithSummary("Record an invoice or credit note (`kind`); without `dueOn` the customer's payment terms apply, and new invoices carry the early-payment offer");
        group.MapPut("/invoices/{id:int}/document", SetInvoiceDocument).WithName(nameof(SetInvoiceDocument))
            .WithSummary("Keep the invoice's document (`fileName`, `contentType`, `contentBase64`), replacing an earlier one; the collection step that sends a copy attaches it. Download it from /invoices/{id}/document");
        group.MapPost("/payments", AddPayment).WithName(nameof(AddPayment))
            .WithSummary("Record a payment; with `invoice` it settles that invoice first, otherwise the oldest open ones");
        group.MapPost("/invoices/import", ImportInvoices).WithName(nameof(ImportInvoices)).RequireAuthorization(Policies.Manager).Accepts<string>("text/csv")
            .WithSummary("Import invoices from a CSV body (managers); re-running imports nothing twice: " + string.Join(", ", ReceivablesCsvImport.InvoiceColumns));
        group.MapPost("/payments/import", ImportPayments).WithName(nameof(ImportPayments)).RequireAuthorization(Policies.Manager).Accepts<string>("text/csv")
            .WithSummary("Import payments from a CSV body (managers); re-running imports nothing twice: " + string.Join(", ", ReceivablesCsvImport.PaymentColumns));
        group.MapGet("/late-payers", LatePayersList).WithName(nameof(LatePayersList))
            .WithSummary("Customers with overdue invoices: protesting (a complaint behind it), struggling (cash flow) or unclear, with the evidence and a drafted next move");
        group.MapGet("/collection", CollectionQueue).WithName(nameof(CollectionQueue))
            .WithSummary("The collection plan's drafted steps (`pending=false` includes the ones done)");
        group.MapPost("/collection/{id:int}/send", SendCollectionStep).WithName(nameof(SendCollectionStep))
            .WithSummary("Send a drafted step (optionally edited): recorded in the customer's timeline; a step is never sent twice");
        group.MapPost("/collection/{id:int}/skip", SkipCollectionStep).WithName(nameof(SkipCollectionStep)).WithSummary("Set a drafted step aside without sending it");
        group.MapGet("/discount-effect", DiscountEffect).WithName(nameof(DiscountEffect))
            .WithSummary("The early-payment discount's effect per currency: offered, taken up, its cost, and days to pay with and without it");
        return api;
    }

    public static async Task<Results<Ok<AgedBook>, ValidationProblem>> AgedBook(
        DateOnly? asOf, int? page, int? pageSize, HttpContext http, ReceivablesBook book, CancellationToken cancellationToken) =>
        !Data.BusinessDates.Allows(asOf)
            ? AsOfRefused()
            : TypedResults.Ok(await book.AgedBookAsync(Viewer.From(http.User), asOf, page, pageSize, cancellationToken));

    public static async Task<Results<Ok<CustomerAccount>, ProblemHttpResult, ValidationProblem>> CustomerAccount(
        int customerId, DateOnly? asOf, HttpContext http, ReceivablesBook book, CancellationToken cancellationToken) =>
        !Data.BusinessDates.Allows(asOf)
            ? AsOfRefused()
            : await book.AccountAsync(Viewer.From(http.User), customerId, asOf, cancellationToken) is { } account
                ? TypedResults.Ok(account)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"There is no customer {customerId} that you can see.");

    private static ValidationProblem AsOfRefused() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = [Data.BusinessDates.Message] });

    public static async Task<Ok<Data.Page<InvoiceView>>> OverdueInvoices(int? page, int? pageSize, HttpContext http, ReceivablesBook book, CancellationToken cancellationToken)
    {
        var (number, size) = Data.Page<InvoiceView>.Clamp(page, pageSize ?? Receivables.AgedBook.DefaultPageSize);
        return TypedResults.Ok(await book.OverduePageAsync(Viewer.From(http.User), number, size, cancellationToken));
    }

    public static async Task<Results<Created<InvoiceView>, ValidationProblem>> AddInvoice(
        InvoiceInput request, HttpContext http, ReceivablesBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.AddInvoiceAsync(Viewer.From(http.User), request, cancellationToken);
        return outcome.Value is { } invoice
            ? TypedResults.Created($"/api/v1/receivables/customers/{invoice.CustomerId}", invoice)
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<InvoiceDocumentView>, ProblemHttpResult, ValidationProblem>> SetInvoiceDocument(
        int id, AttachmentInput request, HttpContext http, ReceivablesBook book, Uploads uploads, CancellationToken cancellationToken)
    {
        var (file, errors) = await uploads.SingleFromApiAsync(request, cancellationToken);
        if (file is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await book.SetDocumentAsync(Viewer.From(http.User), id, file, cancellationToken) is { } document
            ? TypedResults.Ok(new InvoiceDocumentView(document.InvoiceId, document.Number, document.FileName, document.ContentType, document.Size, $"/invoices/{id}/document"))
            : ApiResults.NotFound("Invoice", id);
    }

    public static async Task<Results<Created<PaymentView>, ValidationProblem>> AddPayment(
        PaymentInput request, HttpContext http, ReceivablesBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.AddPaymentAsync(Viewer.From(http.User), request, cancellationToken);
        return outcome.Value is { } payment
            ? TypedResults.Created($"/api/v1/receivables/customers/{payment.CustomerId}", payment)
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportInvoices(HttpRequest request, ReceivablesCsvImport import, CancellationToken cancellationToken) =>
        CsvImportEndpoint.RunAsync("invoices", request, stream => import.InvoicesAsync(stream, null, cancellationToken));

    public static Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportPayments(HttpRequest request, ReceivablesCsvImport import, CancellationToken cancellationToken) =>
        CsvImportEndpoint.RunAsync("payments", request, stream => import.PaymentsAsync(stream, null, cancellationToken));

    public static async Task<Ok<Data.Page<LatePayer>>> LatePayersList(int? page, int? pageSize, HttpContext http, CollectionDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.LatePayersAsync(Viewer.From(http.User), page, pageSize, cancellationToken));

    public static async Task<Ok<IReadOnlyList<CollectionActionView>>> CollectionQueue(bool? pending, HttpContext http, CollectionDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.ActionsAsync(Viewer.From(http.User), pending ?? true, null, cancellationToken));

    public static async Task<Results<Ok<CollectionActionView>, ProblemHttpResult, ValidationProblem>> SendCollectionStep(
        int id, CollectionSendRequest request, HttpContext http, CollectionDesk desk, CancellationToken cancellationToken) =>
        await desk.CompleteAsync(Viewer.From(http.User), id, request.Subject, request.Body, cancellationToken) switch
        {
            { Value: { } done } => TypedResults.Ok(done),
            { NotFound: true } => StepNotFound(id),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> SkipCollectionStep(int id, HttpContext http, CollectionDesk desk, CancellationToken cancellationToken) =>
        await desk.SkipAsync(Viewer.From(http.User), id, cancellationToken) ? TypedResults.NoContent() : StepNotFound(id);

    public static async Task<Ok<IReadOnlyList<DiscountEffect>>> DiscountEffect(HttpContext http, ReceivablesBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.DiscountEffectAsync(Viewer.From(http.User), cancellationToken));

    private static ProblemHttpResult StepNotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Collection step not found", detail: $"There is no pending collection step {id} that you can see.");
}
