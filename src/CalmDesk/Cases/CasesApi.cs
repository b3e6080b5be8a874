using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using CalmDesk.Interactions;
using CalmDesk.Mail;
using CalmDesk.Playbooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Cases;

internal sealed record CaseCreateRequest(int CustomerId, string? Title, IReadOnlyList<string>? Situations, IReadOnlyList<long>? InteractionIds);

internal sealed record CaseMergeRequest(int SourceCaseId);

internal sealed record CaseSplitRequest(IReadOnlyList<long>? InteractionIds, string? Title);

internal sealed record CaseResolveRequest(string? Resolution, string? RootCause, int? FollowUpDays);

internal sealed record GuideStepRequest(bool Done);

internal sealed record CaseNoteRequest(string? Body, string? Channel, int? MinutesSpent);

internal sealed record CasePauseRequest(int? Minutes, string? What);

/// A reply to send; Confirm sends it even when the guard finds fault with it (its findings come back under "guard").
internal sealed record CaseReplyRequest(string? Subject, string? Body, bool? Confirm = null, IReadOnlyList<AttachmentInput>? Attachments = null);

internal static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases").WithTags("Cases").RequireAuthorization();
        group.MapGet("/", ListCases).WithName(nameof(ListCases)).WithSummary("Cases you can see, open ones first, angriest first; `active=false` includes resolved and closed")
            .WithDescription("`sort` is one of case, customer, mood, status, activity, with `-` in front for descending (`-activity`).");
        group.MapGet("/{id:int}", GetCase).WithName(nameof(GetCase)).WithSummary("A case with its interactions and promises");
        group.MapPost("/", CreateCase).WithName(nameof(CreateCase)).WithSummary("Open a case by hand, optionally gathering interactions of the customer into it");
        group.MapPatch("/{id:int}", UpdateCase).WithName(nameof(UpdateCase))
            .WithSummary("Change title, status, situations, root cause, facts, resolution or follow-up date; omitted fields stay as they are");
        group.MapPost("/{id:int}/merge", MergeCase).WithName(nameof(MergeCase)).WithSummary("Move another case of the same customer into this one");
        group.MapPost("/{id:int}/split", SplitCase).WithName(nameof(SplitCase)).WithSummary("Move some interactions of this case into a new case");
        group.MapPost("/{id:int}/resolve", ResolveCase).WithName(nameof(ResolveCase))
            .WithSummary("Resolve the case and schedule the follow-up promise (`followUpDays`, default 7)");
        group.MapPut("/{id:int}/guide/{step}", SetGuideStep).WithName(nameof(SetGuideStep))
            .WithSummary("Tick or untick a de-escalation step: acknowledge, support, vent, cool, facts, resolve, timeline, keep");
        group.MapPost("/{id:int}/notes", AddCaseNote).WithName(nameof(AddCaseNote)).WithSummary("Record a note of the call or chat on the case; it is analysed like any message");
        group.MapPost("/{id:int}/pause", PauseCase).WithName(nameof(PauseCase))
            .WithSummary("Pause a heated conversation: creates a promise of a status update in `minutes`");
        group.MapGet("/{id:int}/draft", DraftReply).WithName(nameof(DraftReply)).WithSummary("A reply draft in the contact's language, to edit before sending");
        group.MapPost("/{id:int}/replies", SendReply).WithName(nameof(SendReply))
            .WithSummary("Send the reply to the customer (queued in the outbox; recorded only without a mailbox that sends); the case then waits on the customer")
            .WithDescription("The guard reads the text first: anger or sarcasm in our words, \"you owe\", \"I told you\", blame, or an internal note copied in. A reply it finds fault with is refused with a validation problem whose \"guard\" entry names the words; send it again with \"confirm\": true to send it as it is.");
        group.MapGet("/{id:int}/playbooks", CasePlaybooks).WithName(nameof(CasePlaybooks)).WithSummary("The playbooks this case's situations trigger, in the case's language");
        return api;
    }

    public static async Task<Results<Ok<Page<CaseSummary>>, ValidationProblem>> ListCases(
        bool? active, int? customerId, int? page, int? pageSize, string? sort, HttpContext http, CaseBook book, CancellationToken cancellationToken)
    {
        if (!Sorting.TryParse(sort, CaseBook.SortColumns, out var sorting, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sort"] = [error!] });
        }

        return TypedResults.Ok(await book.ListAsync(Viewer.From(http.User), active ?? true, customerId, page, pageSize, sorting, cancellationToken));
    }

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetCase(int id, HttpContext http, CaseBook book, CancellationToken cancellationToken) =>
        await book.GetAsync(Viewer.From(http.User), id, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound(id);

    public static async Task<Results<Created<CaseDetail>, ProblemHttpResult, ValidationProblem>> CreateCase(
        CaseCreateRequest request, HttpContext http, CaseBook book, CancellationToken cancellationToken)
    {
        var outcome = await book.CreateAsync(Viewer.From(http.User), request.CustomerId, request.Title, request.Situations, request.InteractionIds, cancellationToken);
        return outcome.Value is { } created ? TypedResults.Created($"/api/v1/cases/{created.Id}", created) : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult, ValidationProblem>> UpdateCase(
        int id, CaseChange request, HttpContext http, CaseBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.UpdateAsync(Viewer.From(http.User), id, request, cancellationToken), "Case", id);

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult, ValidationProblem>> MergeCase(
        int id, CaseMergeRequest request, HttpContext http, CaseBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.MergeAsync(Viewer.From(http.User), id, request.SourceCaseId, cancellationToken), "Case", id);

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult, ValidationProblem>> SplitCase(
        int id, CaseSplitRequest request, HttpContext http, CaseBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.SplitAsync(Viewer.From(http.User), id, request.InteractionIds, request.Title, cancellationToken), "Case", id);

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult, ValidationProblem>> ResolveCase(
        int id, CaseResolveRequest request, HttpContext http, CaseBook book, CancellationToken cancellationToken) =>
        ApiResults.From(await book.ResolveAsync(Viewer.From(http.User), id, request.Resolution, request.RootCause, request.FollowUpDays, cancellationToken), "Case", id);

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult, ValidationProblem>> SetGuideStep(
        int id, string step, GuideStepRequest request, HttpContext http, CaseGuide guide, CancellationToken cancellationToken) =>
        ApiResults.From(await guide.SetStepAsync(Viewer.From(http.User), id, step, request.Done, cancellationToken), "Case", id);

    public static async Task<Results<Created<InteractionView>, ProblemHttpResult, ValidationProblem>> AddCaseNote(
        int id, CaseNoteRequest request, HttpContext http, CaseMessages messages, CancellationToken cancellationToken) =>
        Created(id, await messages.AddNoteAsync(Viewer.From(http.User), id, request.Body, request.Channel, request.MinutesSpent, cancellationToken));

    public static async Task<Results<Created<Commitments.CommitmentView>, ProblemHttpResult, ValidationProblem>> PauseCase(
        int id, CasePauseRequest request, HttpContext http, CaseGuide guide, CancellationToken cancellationToken)
    {
        var outcome = await guide.PauseAsync(Viewer.From(http.User), id, request.Minutes, request.What, cancellationToken);
        return outcome switch
        {
            { Value: { } created } => TypedResults.Created($"/api/v1/commitments/{created.Id}", created),
            { NotFound: true } => NotFound(id),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }

    public static async Task<Results<Ok<ReplyDraft>, ProblemHttpResult>> DraftReply(
        int id, HttpContext http, CaseBook book, PlaybookStore playbooks, Zones zones, Reps.RepIntroductions profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(http.User);
        var found = await book.GetAsync(viewer, id, cancellationToken);
        var profile = await profiles.ProfileAsync(viewer.UserId, cancellationToken);
        return found is null
            ? NotFound(id)
            : TypedResults.Ok(ReplyDrafter.Draft(found, playbooks.Current, http.User.FindFirst("name")?.Value, zones.Business, profile?.Experience, clock.GetUtcNow()));
    }

    public static async Task<Results<Created<InteractionView>, ProblemHttpResult, ValidationProblem>> SendReply(
        int id, CaseReplyRequest request, HttpContext http, CaseGuide guide, Uploads files, CancellationToken cancellationToken)
    {
        var (attached, errors) = await files.FromApiAsync(request.Attachments, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : Created(id, await guide.SendReplyAsync(Viewer.From(http.User), id, request.Subject, request.Body, request.Confirm ?? false, attached, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<Playbook>>, ProblemHttpResult>> CasePlaybooks(
        int id, HttpContext http, CaseBook book, PlaybookStore playbooks, CancellationToken cancellationToken)
    {
        var found = await book.GetAsync(Viewer.From(http.User), id, cancellationToken);
        return found is null ? NotFound(id) : TypedResults.Ok(playbooks.Current.Matching(ReplyDrafter.Signals(found), found.Language));
    }

    internal static ProblemHttpResult NotFound(int id) =>
        ApiResults.NotFound("Case", id);


    private static Results<Created<InteractionView>, ProblemHttpResult, ValidationProblem> Created(int id, Outcome<InteractionView> outcome) => outcome switch
    {
        { Value: { } created } => TypedResults.Created($"/api/v1/customers/{created.CustomerId}/interactions/{created.Id}", created),
        { NotFound: true } => NotFound(id),
        _ => TypedResults.ValidationProblem(outcome.Errors),
    };
}
