using Microsoft.Extensions.Primitives;

namespace CalmDesk.Components;

/// What the user typed into the form just posted. A form refused for an error is shown again with the user's own
/// text in every field (exactly as typed, even what could not be read), never the stored values or empty fields.
internal static class PostedForm
{
    /// Whether this request posted the named form (`@formname`, carried in the `_handler` field).
    public static bool WasPosted(this HttpContext http, string form) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
        && string.Equals(http.Request.Form["_handler"], form, StringComparison.Ordinal);

    /// The text of a field as posted when this form was posted, otherwise the value the page would show.
    public static string? Typed(this HttpContext http, string form, string field, string? shown) =>
        http.WasPosted(form) ? http.Request.Form[field].ToString() : shown;

    /// Whether a checkbox or option is ticked: as posted when this form was posted, otherwise as stored.
    public static bool Ticked(this HttpContext http, string form, string field, string value, bool shown) =>
        http.WasPosted(form) ? Values(http, field).Contains(value, StringComparer.Ordinal) : shown;

    /// The notice a page was sent back with after a change (`?done=saved`), on the page as it is opened; a form posted
    /// from that page keeps the address, so its own answer (an error above all) is not shown beside a stale "Saved".
    public static string? Notice(this HttpContext http, string? done) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? done : null;

    private static StringValues Values(HttpContext http, string field) => http.Request.Form[field];
}
