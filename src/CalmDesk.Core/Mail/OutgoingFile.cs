using CalmDesk.Localization;

namespace CalmDesk.Mail;

/// <summary>
/// A file a rep attaches to a reply, or uploads as an invoice's document, as it came from the browser or the API
/// (where it is base64 in the JSON body, as <see cref="AttachmentInput"/>).
/// </summary>
internal sealed record OutgoingFile(string? FileName, string? ContentType, byte[] Content)
{
    /// Files on one reply, at most.
    public const int MaxFiles = 10;

    /// What is wrong with a set of files for one message, under "attachments": too many, empty, or together larger
    /// than a message may be, counting the files already kept for it (a reply's earlier attempt).
    public static Dictionary<string, string[]> Validate(IReadOnlyCollection<OutgoingFile> files, long maxBytes, int keptFiles = 0, long keptBytes = 0)
    {
        var problems = new List<string>();
        if (keptFiles + files.Count > MaxFiles)
        {
            problems.Add(Messages.Format("At most {0} files can go with one message.", MaxFiles));
        }

        problems.AddRange(files.Where(f => f.Content.Length == 0)
            .Select(f => Messages.Format("The file {0} is empty.", AttachmentStore.CleanName(f.FileName, "application/octet-stream"))));
        if (keptBytes + files.Sum(f => f.Content.LongLength) > maxBytes)
        {
            problems.Add(Messages.Format("Together the files are larger than {0} MB, the most one message may carry.", maxBytes / (1024 * 1024)));
        }

        return problems.Count == 0 ? [] : new Dictionary<string, string[]> { ["attachments"] = [.. problems] };
    }
}

/// A file in an API request: its name, its type and its content in base64.
internal sealed record AttachmentInput(string? FileName, string? ContentType, string? ContentBase64)
{
    /// The files decoded, or the errors (under "attachments") of those that are not base64.
    public static (IReadOnlyList<OutgoingFile> Files, Dictionary<string, string[]> Errors) Decode(IReadOnlyList<AttachmentInput>? inputs)
    {
        var files = new List<OutgoingFile>();
        var problems = new List<string>();
        foreach (var (input, index) in (inputs ?? []).Select((input, index) => (input, index)))
        {
            var bytes = new byte[((input.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
            if (input.ContentBase64 is null || !Convert.TryFromBase64String(input.ContentBase64, bytes, out var written))
            {
                problems.Add(Messages.Format("Attachment {0} ({1}) has no content in base64.", index + 1, input.FileName ?? ""));
                continue;
            }

            files.Add(new OutgoingFile(input.FileName, input.ContentType, bytes[..written]));
        }

        return (files, problems.Count == 0 ? [] : new Dictionary<string, string[]> { ["attachments"] = [.. problems] });
    }
}
