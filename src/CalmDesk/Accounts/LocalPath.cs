namespace CalmDesk.Accounts;

/// Where to go after signing in: only ever a page of this site. "/x" is one; "//host", "/\\host" (which browsers read
/// as "//host") and anything with a scheme or a control character are somewhere else.
internal static class LocalPath
{
    public static string OrDefault(string? path, string fallback) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Any(char.IsControl)
            ? path
            : fallback;
}
