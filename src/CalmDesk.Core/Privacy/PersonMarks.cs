using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CalmDesk.Customers;

namespace CalmDesk.Privacy;

/// <summary>
/// What names one person in a text, to blank it when the person is erased: their e-mail address, their phone number
/// however it is spaced ("333 123 4567", "333-1234567"), their full name, and each part of the name of four letters or
/// more written as a name is (capitalised: "Esposito" but not "rose" for Rose). Only whole words match: "Ann" leaves
/// "planning" alone. In JSON (an analysis' quotes) only the string values are changed, so the document stays readable.
/// </summary>
internal sealed class PersonMarks
{
    private const string Before = @"(?<![\p{L}\p{N}_@.])";
    private const string After = @"(?![\p{L}\p{N}_@])";

    private readonly Regex[] _patterns;

    public PersonMarks(Contact contact)
        : this(contact.Name, contact.Email, contact.Phone)
    {
    }

    public PersonMarks(string name, string? email, string? phone)
    {
        List<Regex> patterns = [];
        if (email is { Length: > 0 })
        {
            patterns.Add(Whole(Regex.Escape(email.Trim()), RegexOptions.IgnoreCase));
        }

        var digits = new string([.. (phone ?? "").Where(char.IsAsciiDigit)]);
        if (digits.Length >= 6)
        {
            patterns.Add(Whole(string.Join(@"[\s().\-/]*", digits.Select(d => d.ToString())), RegexOptions.None));
        }

        name = name.Trim();
        if (name.Length >= 3)
        {
            patterns.Add(Whole(string.Join(@"\s+", name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)), RegexOptions.IgnoreCase));
            foreach (var part in name.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4 && char.IsUpper(p[0])))
            {
                patterns.Add(Whole(Regex.Escape(part), RegexOptions.None));
            }
        }

        _patterns = [.. patterns];
    }

    /// The text with every mark blanked; a JSON object or array has its string values blanked.
    public string Scrub(string text)
    {
        if (text.Length > 1 && text[0] is '{' or '[')
        {
            try
            {
                var node = JsonNode.Parse(text);
                if (node is not null)
                {
                    Walk(node);
                    return node.ToJsonString();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: blanked as text.
            }
        }

        return _patterns.Aggregate(text, (current, pattern) => pattern.Replace(current, PersonalData.Blanked));
    }

    private void Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var (key, value) in item.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        item[key] = Scrub(text);
                    }
                    else if (value is not null)
                    {
                        Walk(value);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        list[i] = Scrub(text);
                    }
                    else if (list[i] is { } child)
                    {
                        Walk(child);
                    }
                }

                break;
        }
    }

    private static Regex Whole(string pattern, RegexOptions options) =>
        new(Before + pattern + After, options | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
