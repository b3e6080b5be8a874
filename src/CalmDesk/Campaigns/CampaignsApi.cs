using System.Globalization;
using CalmDesk.Accounts;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Campaigns;

internal sealed record SendAnnouncementRequest(string? Subject, string? Body);

internal static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campaigns").WithTags("Campaigns").RequireAuthorization();
        group.MapGet("/", ListCampaigns).WithName(nameof(ListCampaigns))
            .WithSummary("Price campaigns that reach your customers, with how many were sent, replied, replied angrily, opened cases and await a follow-up");
        group.MapGet("/{id:int}", GetCampaign).WithName(nameof(GetCampaign))
            .WithSummary("One campaign: each recipient's drafted announcement, talking points (in `language`, else yours), replies and follow-up");
        group.MapPost("/", CreateCampaign).WithName(nameof(CreateCampaign)).RequireAuthorization(Policies.Manager)
            .WithSummary("Start a campaign (managers): scope, percent, effectiveOn, reasons, competitor context, larger-order offer, customers (default: invoiced in the last 12 months)");
        group.MapPost("/recipients/{id:int}/send", SendAnnouncement).WithName(nameof(SendAnnouncement))
            .WithSummary("Send one drafted announcement (subject and body may be edited): recorded in the timeline, follow-up scheduled, never sent twice");
        group.MapPost("/recipients/{id:int}/skip", SkipAnnouncement).WithName(nameof(SkipAnnouncement))
            .WithSummary("Set one announcement aside unsent");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<CampaignSummary>>> ListCampaigns(HttpContext http, CampaignDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.ListAsync(Viewer.From(http.User), cancellationToken));

    public static async Task<Results<Ok<CampaignDetail>, ProblemHttpResult>> GetCampaign(
        int id, string? language, HttpContext http, CampaignDesk desk, CancellationToken cancellationToken) =>
        await desk.GetAsync(Viewer.From(http.User), id, Language(language), cancellationToken) is { } campaign ? TypedResults.Ok(campaign) : ApiResults.NotFound("Campaign", id);

    public static async Task<Results<Created<CampaignDetail>, ValidationProblem>> CreateCampaign(
        CampaignInput input, HttpContext http, CampaignDesk desk, CancellationToken cancellationToken)
    {
        var outcome = await desk.CreateAsync(Viewer.From(http.User), input, Language(null), cancellationToken);
        return outcome.Value is { } campaign
            ? TypedResults.Created($"/api/v1/campaigns/{campaign.Summary.Id}", campaign)
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<RecipientView>, ProblemHttpResult, ValidationProblem>> SendAnnouncement(
        int id, SendAnnouncementRequest? request, HttpContext http, CampaignDesk desk, CancellationToken cancellationToken) =>
        ApiResults.From(await desk.SendAsync(Viewer.From(http.User), id, request?.Subject, request?.Body, Language(null), cancellationToken), "Announcement", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> SkipAnnouncement(int id, HttpContext http, CampaignDesk desk, CancellationToken cancellationToken) =>
        await desk.SkipAsync(Viewer.From(http.User), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not set aside",
                detail: $"Announcement {id} is not one you can see, or it was already sent or set aside.");

    /// Talking points come in the asked language, else the reader's own (their culture).
    private static string Language(string? asked) =>
        string.IsNullOrWhiteSpace(asked) ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : asked.Trim().ToLowerInvariant();
}
