using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CalmDesk.Demo;

namespace CalmDesk.Infrastructure;

/// Every form on every page reached on the demo, as the manager and as a rep, is filled as a hurried user would
/// (every text field typed into, the rest as the page offered it) and sent. A form that is refused must show again
/// with everything the user typed; every form carries its one-time token.
public sealed class FormWalkTests
{
    [Fact]
    public async Task EveryForm_WhenRefused_ShowsBackWhatWasTyped()
    {
        await using var server = await CalmDeskServer.StartAsync("sqlite", demo: true);
        List<string> failures = [];
        var tried = new HashSet<string>(StringComparer.Ordinal);
        int refused = 0, accepted = 0;
        foreach (var email in new[] { DemoPortfolio.ManagerEmail, DemoPortfolio.RepEmails[1] })
        {
            var client = await PageSession.SignInAsync(server, email, DemoPortfolio.Password);
            await PageWalker.WalkAsync(client, email, failures, async (path, html) =>
            {
                foreach (var name in Forms(html).Select(f => f.Name).Where(n => tried.Add(email + " " + PageWalker.Shape(path.Split('?')[0]) + " " + PageWalker.Shape(n))).ToList())
                {
                    // Read afresh: an earlier form may have changed the page (an approved hand-over has no "decline").
                    var form = Forms(await client.GetStringAsync(path, TestContext.Current.CancellationToken)).FirstOrDefault(f => f.Name == name);
                    if (form is null)
                    {
                        continue;
                    }

                    if (form.Fields.All(f => f.Key != SubmitOnce.Field))
                    {
                        failures.Add($"{email} {path} form '{form.Name}' has no one-time token");
                    }

                    using var response = await client.PostAsync(form.Action ?? path, new FormUrlEncodedContent(form.Fields), TestContext.Current.CancellationToken);
                    var answer = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        accepted++;
                        continue;
                    }

                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{email} {path} form '{form.Name}' → {(int)response.StatusCode}");
                        continue;
                    }

                    refused++;
                    foreach (var marker in form.Typed.Where(m => !answer.Contains(m, StringComparison.Ordinal)))
                    {
                        failures.Add($"{email} {path} form '{form.Name}' lost what was typed: {marker}");
                    }
                }
            });
        }

        Assert.True(refused >= 8 && accepted >= 8, $"Only {refused} forms were refused and {accepted} accepted: the walk is not reaching the forms.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record Form(string Name, string? Action, List<KeyValuePair<string, string>> Fields, List<string> Typed);

    /// The page's post forms as a browser would send them when the first submit button is pressed, with a unique text
    /// (accented, and with markup) typed into every text field and text area.
    private static IEnumerable<Form> Forms(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var counter = 0;
        foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form[method=post]"))
        {
            var action = form.GetAttribute("action");
            if (action?.StartsWith("/signout", StringComparison.Ordinal) == true || form.QuerySelector("fieldset[disabled]") is not null)
            {
                continue;
            }

            List<KeyValuePair<string, string>> fields = [];
            List<string> typed = [];
            foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
            {
                var name = element.GetAttribute("name")!;
                switch (element)
                {
                    case IHtmlInputElement { Type: "hidden" } hidden:
                        fields.Add(new(name, hidden.Value));
                        break;
                    case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                        if (box.IsChecked)
                        {
                            fields.Add(new(name, box.Value));
                        }

                        break;
                    case IHtmlInputElement { Type: "text" or "search" or "email" or "password" } text:
                        var marker = $"typé-{++counter}-<b>";
                        fields.Add(new(name, marker));
                        if (text.Type != "password")
                        {
                            typed.Add(marker);
                        }

                        break;
                    case IHtmlInputElement other:
                        fields.Add(new(name, other.Value));
                        break;
                    case IHtmlTextAreaElement:
                        var note = $"écrit-{++counter}-<i>\nsur deux lignes";
                        fields.Add(new(name, note));
                        typed.Add(note.Split('\n')[0]);
                        break;
                    case IHtmlSelectElement select:
                        fields.Add(new(name, select.Value ?? (select.Options.Length > 0 ? select.Options[0].Value : "")));
                        break;
                }
            }

            if (form.QuerySelector("button[type=submit][name]") is { } button)
            {
                fields.Add(new(button.GetAttribute("name")!, button.GetAttribute("value") ?? ""));
            }

            var handler = fields.FirstOrDefault(f => f.Key == "_handler").Value ?? "";
            yield return new Form(handler, action, fields, typed);
        }
    }
}
