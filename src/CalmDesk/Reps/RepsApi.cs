using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Reps;

internal sealed record CreateRepRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles);

internal static class RepsApi
{
    public static RouteGroupBuilder MapRepsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reps").WithTags("Reps").RequireAuthorization();
        group.MapGet("/", ListReps).WithName(nameof(ListReps)).WithSummary("List reps with their roles and number of customers");
        group.MapPost("/", CreateRep).WithName(nameof(CreateRep)).WithSummary("Create a user with a rep profile (admins only)")
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<RepSummary>>> ListReps(RepDirectory reps, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reps.ListAsync(cancellationToken));

    public static async Task<Results<Created<RepSummary>, ValidationProblem>> CreateRep(
        CreateRepRequest request, RepDirectory reps, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["An email address is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (rep, problems) = await reps.CreateAsync(request.Email!, request.DisplayName ?? "", request.Password!, request.Roles ?? ["Rep"], cancellationToken: cancellationToken);
        if (rep is null)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var summary = (await reps.ListAsync(cancellationToken)).Single(r => r.Id == rep.Id);
        return TypedResults.Created($"/api/v1/reps/{rep.Id}", summary);
    }
}
