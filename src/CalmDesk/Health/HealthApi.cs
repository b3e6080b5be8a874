using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Health;

internal sealed record CustomerHealth(HealthReport Report, IReadOnlyList<Rung> Ladder);

internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/health").WithTags("Health").RequireAuthorization();
        group.MapGet("/", ListHealth).WithName(nameof(ListHealth))
            .WithSummary("Account health of the customers you can see, worst first, a page at a time (`page`, `pageSize` up to 200): score 0-100 with its penalties, margin, cost to serve, trend; `squeaky=true` for those costing more than they bring, most costly first. Scores are stored and kept up to date as records change; `waiting` counts those still being worked out");
        api.MapGet("/customers/{customerId:int}/health", GetCustomerHealth).WithTags("Health").RequireAuthorization().WithName(nameof(GetCustomerHealth))
            .WithSummary("One account's health with the recommendations ladder (educate, boundaries, reassign, let go) and the reasons for each rung");
        return api;
    }

    public static async Task<Ok<HealthPage>> ListHealth(
        bool? squeaky, int? page, int? pageSize, HttpContext http, HealthBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.PageAsync(Viewer.From(http.User), squeaky == true, page, pageSize, cancellationToken));

    public static async Task<Results<Ok<CustomerHealth>, ProblemHttpResult>> GetCustomerHealth(int customerId, HttpContext http, HealthBook book, CancellationToken cancellationToken) =>
        await book.ForAsync(Viewer.From(http.User), customerId, cancellationToken) is { } report
            ? TypedResults.Ok(new CustomerHealth(report, Ladder.For(report)))
            : ApiResults.NotFound("Customer", customerId);
}
