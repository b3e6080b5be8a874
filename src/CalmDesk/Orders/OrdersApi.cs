using CalmDesk.Accounts;
using CalmDesk.Imports;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Orders;

internal sealed record ConfirmationRequest(string? Channel, string? Text, Dictionary<string, decimal>? Quantities, bool? Acknowledged);

internal sealed record DeliveryRequest(DateOnly? DeliveredOn, Dictionary<string, decimal>? Quantities);

internal static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        group.MapGet("/", ListOrders).WithName(nameof(ListOrders)).WithSummary("A customer's orders (`customerId`), each with ordered, confirmed and delivered side by side");
        group.MapGet("/{id:int}", GetOrder).WithName(nameof(GetOrder)).WithSummary("One order compared: ordered, confirmed, delivered, and where they differ");
        group.MapPost("/", CreateOrder).WithName(nameof(CreateOrder)).WithSummary("Record an order with its lines (item, ordered, unitPrice)");
        group.MapPost("/{id:int}/confirmation", ConfirmOrder).WithName(nameof(ConfirmOrder))
            .WithSummary("Record the confirmation exactly as sent (channel, text, confirmed quantities if they differ); kept unchanged afterwards");
        group.MapPost("/{id:int}/delivery", DeliverOrder).WithName(nameof(DeliverOrder)).WithSummary("Record what was delivered (quantities per item that differ)");
        group.MapPost("/import", ImportOrders).WithName(nameof(ImportOrders)).RequireAuthorization(Policies.Manager).Accepts<string>("text/csv")
            .WithSummary("Import order lines from a CSV body (managers), one row per line; re-running imports nothing twice: " + string.Join(", ", OrderCsvImport.Columns));
        group.MapGet("/for-case/{caseId:int}", OrderForCase).WithName(nameof(OrderForCase))
            .WithSummary("The order a case is about (named in its messages or facts, else the latest delivered), compared");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<OrderComparison>>, ProblemHttpResult>> ListOrders(
        int customerId, HttpContext http, OrderBook book, CancellationToken cancellationToken) =>
        await book.ListAsync(Viewer.From(http.User), customerId, cancellationToken) is { } orders
            ? TypedResults.Ok(orders)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"There is no customer {customerId} that you can see.");

    public static async Task<Results<Ok<OrderComparison>, ProblemHttpResult>> GetOrder(int id, HttpContext http, OrderBook book, CancellationToken cancellationToken) =>
        await book.GetAsync(Viewer.From(http.User), id, cancellationToken) is { } order ? TypedResults.Ok(order) : ApiResults.NotFound("Order", id);

    public static async Task<Results<Created<OrderComparison>, ValidationProblem>> CreateOrder(
        OrderInput input, HttpContext http, OrderBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.CreateAsync(Viewer.From(http.User), input, cancellationToken);
        return outcome.Value is { } order ? TypedResults.Created($"/api/v1/orders/{order.OrderId}", order) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<OrderComparison>, ProblemHttpResult, ValidationProblem>> ConfirmOrder(
        int id, ConfirmationRequest request, HttpContext http, OrderBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.ConfirmAsync(Viewer.From(http.User), id, request.Channel, request.Text, request.Quantities, request.Acknowledged ?? false, cancellationToken), "Order", id);

    public static async Task<Results<Ok<OrderComparison>, ProblemHttpResult, ValidationProblem>> DeliverOrder(
        int id, DeliveryRequest request, HttpContext http, OrderBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.DeliverAsync(Viewer.From(http.User), id, request.DeliveredOn, request.Quantities, cancellationToken), "Order", id);

    public static async Task<Results<Ok<OrderComparison>, ProblemHttpResult>> OrderForCase(int caseId, HttpContext http, OrderBook book, CancellationToken cancellationToken) =>
        await book.ForCaseAsync(Viewer.From(http.User), caseId, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No order found", detail: $"Case {caseId} is not visible to you, or no order matches it.");

    public static Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportOrders(HttpRequest request, OrderCsvImport import, CancellationToken cancellationToken) =>
        CsvImportEndpoint.RunAsync("orders", request, stream => import.ImportAsync(stream, null, cancellationToken));

}
