using CalmDesk.Accounts;
using CalmDesk.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Search;

internal static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchEverything).WithTags("Search").RequireAuthorization().WithName(nameof(SearchEverything))
            .WithSummary("Find customers, messages, cases and invoices you can see")
            .WithDescription(
                $"`q` is matched ignoring case, accents and whether Greek is written in Greek or Latin letters (\"markakis\" finds \"Μαρκάκης\"). " +
                $"Each kind lists its first {GlobalSearch.PerKind} records (messages and cases newest first, customers by name) and `more` says whether there are others. " +
                $"Messages are searched by their first {SearchText.MaxKeyLength:N0} characters.");
        return api;
    }

    public static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchEverything(
        HttpContext http, GlobalSearch search, string? q, CancellationToken cancellationToken)
    {
        var results = await search.FindAsync(Viewer.From(http.User), q, cancellationToken);
        return results.TooShort
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["q"] = [CalmDesk.Localization.Messages.Format("Type at least {0} characters to search.", GlobalSearch.MinimumLength)],
            })
            : TypedResults.Ok(results);
    }
}
