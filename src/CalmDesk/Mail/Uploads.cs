using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CalmDesk.Mail;

/// <summary>
/// The files users upload: an invoice's document, and the files a rep attaches to a reply, from a page's form (uploaded now, or kept from the same rep's attempt the guard
/// held) or from the API (base64 in the JSON body), checked and kept in the <see cref="AttachmentStore"/>. A file kept
/// for a second attempt travels in the form as a token only this server can read, bound to the rep and valid for two
/// hours, so a form cannot name another customer's file.
/// </summary>
internal sealed class Uploads(AttachmentStore store, IOptions<MailOptions> options, IDataProtectionProvider protection)
{
    /// The form field of newly chosen files; the kept ones come as <see cref="KeptField"/>.
    public const string UploadField = "Uploads";

    public const string KeptField = "KeptFiles";

    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("CalmDesk.Uploads").ToTimeLimitedDataProtector();

    private long MaxBytes => options.Value.MaxMessageBytes;

    public async Task<(IReadOnlyList<Attachment> Files, Dictionary<string, string[]> Errors)> FromApiAsync(
        IReadOnlyList<AttachmentInput>? inputs, CancellationToken cancellationToken)
    {
        var (files, errors) = AttachmentInput.Decode(inputs);
        return errors.Count > 0 ? ([], errors) : await store.KeepAllAsync(files, MaxBytes, cancellationToken);
    }

    /// The files of a posted reply form: those kept from an earlier attempt (and still ticked), then the new uploads.
    public async Task<(IReadOnlyList<Attachment> Files, Dictionary<string, string[]> Errors)> FromFormAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return ([], []);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var kept = new List<Attachment>();
        foreach (var token in form[KeptField].OfType<string>())
        {
            if (Read(token, UserOf(http)) is { } file)
            {
                kept.Add(file);
            }
        }

        var (added, errors) = await store.KeepAllAsync(await ReadAsync(form, UploadField, cancellationToken), MaxBytes, cancellationToken, kept);
        return ([.. kept, .. added], errors);
    }

    /// The file posted in a form's field (an invoice's document), checked and kept; none when the field is empty.
    public async Task<(Attachment? File, Dictionary<string, string[]> Errors)> SingleFromFormAsync(HttpContext http, string field, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, []);
        }

        var uploads = await ReadAsync(await http.Request.ReadFormAsync(cancellationToken), field, cancellationToken);
        var (kept, errors) = await store.KeepAllAsync([.. uploads.Take(1)], MaxBytes, cancellationToken);
        return (kept.Count > 0 ? kept[0] : null, errors);
    }

    /// The file of an API request (an invoice's document), checked and kept.
    public async Task<(Attachment? File, Dictionary<string, string[]> Errors)> SingleFromApiAsync(AttachmentInput? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return (null, new Dictionary<string, string[]> { ["attachments"] = [Messages.Get("The request has no file.")] });
        }

        var (kept, errors) = await FromApiAsync([input], cancellationToken);
        return (kept.Count > 0 ? kept[0] : null, errors);
    }

    private static async Task<List<OutgoingFile>> ReadAsync(IFormCollection form, string field, CancellationToken cancellationToken)
    {
        var uploads = new List<OutgoingFile>();
        // A file input left empty still posts a part with no name and no bytes.
        foreach (var upload in form.Files.GetFiles(field).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            uploads.Add(new OutgoingFile(upload.FileName, upload.ContentType, buffer.ToArray()));
        }

        return uploads;
    }

    /// The kept files for the form, each with a token that lets the same rep send it with the next attempt.
    public IReadOnlyList<(string Name, long Size, string Token)> Tokens(HttpContext http, IReadOnlyList<Attachment> files) =>
        [.. files.Select(file => (file.FileName, file.Size,
            Protector.Protect(JsonSerializer.Serialize(new KeptFile(UserOf(http), file.FileName, file.ContentType, file.Size, file.Sha256)), KeepFor)))];

    private Attachment? Read(string token, string user)
    {
        try
        {
            var kept = JsonSerializer.Deserialize<KeptFile>(Protector.Unprotect(token));
            return kept is null || kept.User != user ? null
                : new Attachment { FileName = kept.Name, ContentType = kept.Type, Size = kept.Size, Sha256 = kept.Sha256 };
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null; // expired, or not ours: the rep attaches it again
        }
    }

    private static string UserOf(HttpContext http) => Viewer.From(http.User).UserId;

    private sealed record KeptFile(string User, string Name, string Type, long Size, string Sha256);
}
