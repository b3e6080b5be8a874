using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Playbooks;

internal sealed record PlaybookSet(string Language, IReadOnlyList<string> Languages, IReadOnlyList<Playbook> Playbooks, Guide? Guide);

internal static class PlaybooksApi
{
    public static RouteGroupBuilder MapPlaybooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/playbooks").WithTags("Playbooks").RequireAuthorization();
        group.MapGet("/", ListPlaybooks).WithName(nameof(ListPlaybooks)).WithSummary("The scenario playbooks and the live guide in a language (default: English)");
        group.MapGet("/problems", PlaybookProblems).WithName(nameof(PlaybookProblems)).RequireAuthorization(Policies.Manager)
            .WithSummary("Problems found in the playbook files, each with its file and line (managers)");
        return api;
    }

    public static Ok<PlaybookSet> ListPlaybooks(string? language, PlaybookStore store)
    {
        var library = store.Current;
        var code = string.IsNullOrWhiteSpace(language) ? PlaybookLibrary.Fallback : language.Trim().ToLowerInvariant();
        return TypedResults.Ok(new PlaybookSet(code, library.Languages, library.All(code), library.Guide(code)));
    }

    public static Ok<IReadOnlyList<PlaybookProblem>> PlaybookProblems(PlaybookStore store) => TypedResults.Ok(store.Current.Problems);
}
