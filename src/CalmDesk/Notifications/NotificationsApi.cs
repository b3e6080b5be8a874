using CalmDesk.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Notifications;

internal sealed record ReadResult(int Marked);

internal static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", ListNotifications).WithName(nameof(ListNotifications)).WithSummary("Your in-app notifications, newest first (`unread=true` for unread only)");
        group.MapPost("/{id:long}/read", MarkNotificationRead).WithName(nameof(MarkNotificationRead)).WithSummary("Mark one notification as read");
        group.MapPost("/read", MarkAllNotificationsRead).WithName(nameof(MarkAllNotificationsRead)).WithSummary("Mark all your notifications as read");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<NotificationView>>> ListNotifications(bool? unread, HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(Viewer.From(http.User), unread ?? false, cancellationToken: cancellationToken));

    public static async Task<Results<Ok<ReadResult>, ProblemHttpResult>> MarkNotificationRead(long id, HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(Viewer.From(http.User), id, cancellationToken) is var marked and > 0
            ? TypedResults.Ok(new ReadResult(marked))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notification not found", detail: $"There is no unread notification {id} of yours.");

    public static async Task<Ok<ReadResult>> MarkAllNotificationsRead(HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReadResult(await inbox.MarkReadAsync(Viewer.From(http.User), null, cancellationToken)));
}
