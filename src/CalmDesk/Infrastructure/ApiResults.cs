using CalmDesk.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Infrastructure;

/// The answers every feature's API gives the same way: "not found" as a problem (for something that does not exist
/// and for something the caller may not see alike), and a change's outcome as 200, 404 or a validation problem.
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: what + " not found", detail: $"There is no {what.ToLowerInvariant()} {id} that you can see.");

    public static Results<Ok<T>, ProblemHttpResult, ValidationProblem> From<T>(Outcome<T> outcome, string what, int id)
        where T : class => outcome switch
        {
            { Value: { } value } => TypedResults.Ok(value),
            { NotFound: true } => NotFound(what, id),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
}
