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
            .WithSummary("Account health of every customer you can see, worst first: score 0-100 with its penalties, margin, cost to serve, trend; `squeaky=true` for those costing more than they bring");
        api.MapGet("/customers/{customerId:int}/health", GetCustomerHealth).WithTags("Health").RequireAuthorization().WithName(nameof(GetCustomerHealth))
            .WithSummary("One account's health with the recommendations ladder (educate, boundaries, reassign, let go) and the reasons for each rung");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HealthReport>>> ListHealth(bool? squeaky, HttpContext http, HealthBook book, CancellationToken cancellationToken)
    {
        var reports = await book.PortfolioAsync(Viewer.From(http.User), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HealthReport>>(squeaky == true ? [.. reports.Where(r => r.CostsMoreThanItBrings)] : reports);
    }

    public static async Task<Results<Ok<CustomerHealth>, ProblemHttpResult>> GetCustomerHealth(int customerId, HttpContext http, HealthBook book, CancellationToken cancellationToken) =>
        await book.ForAsync(Viewer.From(http.User), customerId, cancellationToken) is { } report
            ? TypedResults.Ok(new CustomerHealth(report, Ladder.For(report)))
            : ApiResults.NotFound("Customer", customerId);
}
