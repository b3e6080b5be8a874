using System.Net;
using System.Text.RegularExpressions;

namespace CalmDesk.Infrastructure;

/// Follows the links a signed-in user sees, breadth-first from the first page after sign-in, visiting at most two
/// addresses of each shape (the same route with other ids), and hands each page that rendered to the caller. A link
/// marked <c>download</c> (an attachment, an invoice's document) must answer a file to save, not a page.
internal static partial class PageWalker
{
    public static async Task<int> WalkAsync(HttpClient client, string who, List<string> failures, Func<string, string, Task>? onPage = null)
    {
        var queue = new Queue<string>(["/customers"]);
        var downloads = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var walked = 0;
        while (queue.TryDequeue(out var path))
        {
            walked++;
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            if (downloads.Contains(path))
            {
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentDisposition?.DispositionType != "attachment")
                {
                    failures.Add($"{who} {path} → {(int)response.StatusCode}, not a download");
                }

                continue;
            }

            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode == HttpStatusCode.Redirect && location is not null)
            {
                // A link that sends its user to /forbidden or to sign in should not have been shown to them.
                if (location.StartsWith("/forbidden", StringComparison.Ordinal) || location.StartsWith("/signin", StringComparison.Ordinal))
                {
                    failures.Add($"{who} {path} → {location}");
                }

                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("<h1", StringComparison.Ordinal))
            {
                failures.Add($"{who} {path} → {(int)response.StatusCode}, {html.Length} characters");
                continue;
            }

            if (onPage is not null)
            {
                await onPage(path, html);
            }

            foreach (Match link in Link().Matches(html))
            {
                var next = WebUtility.HtmlDecode(link.Groups[1].Value);
                if (Skipped(next) || !seen.Add(next))
                {
                    continue;
                }

                if (link.Groups[2].Success)
                {
                    downloads.Add(next);
                }

                var shape = Shape(next.Split('?')[0]) + "?" + string.Join('&', Keys(next));
                if (shapes.GetValueOrDefault(shape) < 2)
                {
                    shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                    queue.Enqueue(next);
                }
            }
        }

        return walked;
    }

    /// The route of an address or a form name with its ids taken out: /customers/# , send-#.
    public static string Shape(string path) => Digits().Replace(path, "#");

    private static bool Skipped(string path) =>
        path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal)
        || path.StartsWith("/signout", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('.', StringComparison.Ordinal);

    private static IEnumerable<string> Keys(string path) =>
        path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal) : [];

    [GeneratedRegex("href=\"(/[^\"#]*)\"( download\\b)?")]
    private static partial Regex Link();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
