using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Reps;

internal sealed record CreateRepRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles);

internal sealed record UpdateRepRequest(string? DisplayName, IReadOnlyList<string>? Roles, bool? Active, int? HandCustomersToRepId);

/// The confirmation of an erasure: the rep's e-mail address, typed.
internal sealed record EraseRepRequest(string? Confirmation);

internal sealed record ProfileRequest(string? Experience, string? Credentials);

internal sealed record SendIntroductionRequest(string? Subject, string? Body);

internal static class RepsApi
{
    public static RouteGroupBuilder MapRepsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reps").WithTags("Reps").RequireAuthorization();
        // Every user's e-mail and roles are the managers' business, not a rep's: a rep's own profile is under /me.
        group.MapGet("/", ListReps).WithName(nameof(ListReps)).WithSummary("List reps with their e-mail, roles and number of customers (managers)")
            .RequireAuthorization(Policies.Manager);
        group.MapPost("/", CreateRep).WithName(nameof(CreateRep)).WithSummary("Create a user with a rep profile (admins only)")
            .RequireAuthorization(Policies.Admin);
        group.MapPatch("/{id:int}", UpdateRep).WithName(nameof(UpdateRep))
            .WithSummary("Rename a rep, change their roles, or deactivate them (`active: false`, handing their customers to `handCustomersToRepId`); admins only")
            .RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:int}/erase", EraseRep).WithName(nameof(EraseRep))
            .WithSummary("Erase a deactivated rep's personal data (`confirmation`: their e-mail); their records stay under #ID; admins only")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/me/profile", GetMyProfile).WithName(nameof(GetMyProfile)).WithSummary("Your rep profile: experience and credentials, used to introduce you");
        group.MapPut("/me/profile", SaveMyProfile).WithName(nameof(SaveMyProfile)).WithSummary("Write your experience and credentials, in your own words");
        var introduction = api.MapGroup("/customers/{customerId:int}/introduction").WithTags("Reps").RequireAuthorization();
        introduction.MapGet("/", GetIntroduction).WithName(nameof(GetIntroduction))
            .WithSummary("The new rep's drafted introduction to a reassigned customer, in the customer's language (404 when none is waiting)");
        introduction.MapPost("/send", SendIntroduction).WithName(nameof(SendIntroduction))
            .WithSummary("Send the introduction (subject and body may be edited); recorded in the timeline, never twice");
        return api;
    }

    public static async Task<Results<Ok<RepProfile>, ProblemHttpResult>> GetMyProfile(HttpContext http, RepIntroductions introductions, CancellationToken cancellationToken) =>
        await introductions.ProfileAsync(Viewer.From(http.User).UserId, cancellationToken) is { } profile ? TypedResults.Ok(profile) : NoProfile();

    public static async Task<Results<Ok<RepProfile>, ProblemHttpResult, ValidationProblem>> SaveMyProfile(
        ProfileRequest request, HttpContext http, RepIntroductions introductions, CancellationToken cancellationToken) =>
        await introductions.SaveProfileAsync(Viewer.From(http.User).UserId, request.Experience, request.Credentials, cancellationToken) switch
        {
            { Value: { } profile } => TypedResults.Ok(profile),
            { NotFound: true } => NoProfile(),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<Results<Ok<IntroductionDraft>, ProblemHttpResult>> GetIntroduction(
        int customerId, HttpContext http, RepIntroductions introductions, CancellationToken cancellationToken) =>
        await introductions.PendingAsync(Viewer.From(http.User), customerId, cancellationToken) is { } draft
            ? TypedResults.Ok(draft)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No introduction waiting",
                detail: $"Customer {customerId} is not visible to you, was not reassigned, or has been introduced already.");

    public static async Task<Results<Ok<IntroductionDraft>, ProblemHttpResult, ValidationProblem>> SendIntroduction(
        int customerId, SendIntroductionRequest? request, HttpContext http, RepIntroductions introductions, CancellationToken cancellationToken) =>
        await introductions.SendAsync(Viewer.From(http.User), customerId, request?.Subject, request?.Body, cancellationToken) switch
        {
            { Value: { } draft } => TypedResults.Ok(draft),
            { NotFound: true } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found",
                detail: $"There is no customer {customerId} that you can see."),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<Results<Ok<RepSummary>, ProblemHttpResult, ValidationProblem>> UpdateRep(
        int id, UpdateRepRequest request, HttpContext http, RepDirectory reps, CancellationToken cancellationToken) =>
        Answer(id, await reps.UpdateAsync(Viewer.From(http.User), id, new RepChange(request.DisplayName, request.Roles, request.Active, request.HandCustomersToRepId), cancellationToken));

    public static async Task<Results<Ok<RepSummary>, ProblemHttpResult, ValidationProblem>> EraseRep(
        int id, EraseRepRequest request, HttpContext http, RepDirectory reps, CancellationToken cancellationToken) =>
        Answer(id, await reps.EraseAsync(Viewer.From(http.User), id, request.Confirmation, cancellationToken));

    /// A change to one rep, answered: the rep as it now is, 404, or the refusals.
    private static Results<Ok<RepSummary>, ProblemHttpResult, ValidationProblem> Answer(int id, Outcome<RepSummary> outcome) => outcome switch
    {
        { Value: { } rep } => TypedResults.Ok(rep),
        { NotFound: true } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Rep not found", detail: $"There is no rep {id}."),
        _ => TypedResults.ValidationProblem(outcome.Errors),
    };

    private static ProblemHttpResult NoProfile() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rep profile", detail: "Your user has no rep profile.");

    public static async Task<Ok<IReadOnlyList<RepSummary>>> ListReps(RepDirectory reps, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reps.ListAsync(cancellationToken));

    public static async Task<Results<Created<RepSummary>, ValidationProblem>> CreateRep(
        CreateRepRequest request, RepDirectory reps, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = [CalmDesk.Localization.Messages.Get("An email address is required.")];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = [CalmDesk.Localization.Messages.Get("A password is required.")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The admin knows the password they set: the person chooses their own at first sign-in.
        var (rep, problems) = await reps.CreateAsync(request.Email!, request.DisplayName ?? "", request.Password!, request.Roles ?? ["Rep"], mustChangePassword: true, cancellationToken: cancellationToken);
        if (rep is null)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var summary = (await reps.ListAsync(cancellationToken)).Single(r => r.Id == rep.Id);
        return TypedResults.Created($"/api/v1/reps/{rep.Id}", summary);
    }
}
