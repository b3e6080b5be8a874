using System.Security.Cryptography;
using System.Text;
using CalmDesk.Data;
using CalmDesk.Interactions;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CalmDesk.Mail;

/// <summary>
/// Keeps the files that come with mail, content-addressed by SHA-256 so the same file sent twice is stored once: files
/// under the data folder's <c>attachments</c> (written before the transaction that lists them commits; a file left by a
/// crash is only an unused copy), or a table on PostgreSQL, so that several instances share them.
/// </summary>
internal sealed class AttachmentStore(CalmDeskDbContext db, DatabaseSettings database, string dataDirectory, TimeProvider clock)
{
    /// Files kept per message, at most; the rest are not stored (the message is, with its text).
    public const int MaxFiles = 50;

    private bool InDatabase => database.Provider == DatabaseProvider.Postgres;

    /// Stores the message's attachments and lists them on the (new, not yet saved) interaction.
    public async Task AddAsync(Interaction interaction, MimeMessage message, CancellationToken cancellationToken)
    {
        foreach (var part in message.Attachments.OfType<MimePart>().Take(MaxFiles))
        {
            using var buffer = new MemoryStream();
            if (part.Content is null)
            {
                continue;
            }

            await part.Content.DecodeToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var sha = Sha256Of(bytes);
            await SaveAsync(sha, bytes, cancellationToken);
            interaction.Attachments.Add(Describe(part.FileName, part.ContentType.MimeType, bytes.LongLength, sha));
        }
    }

    /// Keeps a file a rep uploads (for a reply, or an invoice's document) at once and outside any transaction, so a
    /// reply the guard holds can still be sent with it a minute later; an unused copy is harmless. Returns it described,
    /// ready to be listed on an interaction.
    public async Task<Attachment> KeepAsync(OutgoingFile file, CancellationToken cancellationToken)
    {
        var sha = Sha256Of(file.Content);
        if (InDatabase)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"AttachmentContents\" (\"Sha256\", \"Content\") VALUES ({sha}, {file.Content}) ON CONFLICT DO NOTHING", cancellationToken);
        }
        else
        {
            await SaveAsync(sha, file.Content, cancellationToken);
        }

        return Describe(file.FileName, file.ContentType, file.Content.LongLength, sha);
    }

    /// Checks the files for one message (beside those already kept for it) and keeps them; nothing is kept when one of
    /// them is refused.
    public async Task<(IReadOnlyList<Attachment> Kept, Dictionary<string, string[]> Errors)> KeepAllAsync(
        IReadOnlyCollection<OutgoingFile> files, long maxBytes, CancellationToken cancellationToken, IReadOnlyCollection<Attachment>? alreadyKept = null)
    {
        var errors = OutgoingFile.Validate(files, maxBytes, alreadyKept?.Count ?? 0, alreadyKept?.Sum(f => f.Size) ?? 0);
        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var kept = new List<Attachment>(files.Count);
        foreach (var file in files)
        {
            kept.Add(await KeepAsync(file, cancellationToken));
        }

        return (kept, errors);
    }

    /// Whether the content is still there (a data folder restored without its attachments has lost it).
    public async Task<bool> HasAsync(string sha256, CancellationToken cancellationToken) =>
        InDatabase ? await db.AttachmentContents.AnyAsync(c => c.Sha256 == sha256, cancellationToken) : File.Exists(PathOf(sha256));

    private Attachment Describe(string? fileName, string? contentType, long size, string sha)
    {
        var type = string.IsNullOrWhiteSpace(contentType) || !ContentType.TryParse(contentType, out var parsed) ? "application/octet-stream" : parsed.MimeType;
        return new Attachment { FileName = CleanName(fileName, type), ContentType = Excerpts.Fit(type, 100), Size = size, Sha256 = sha, CreatedAt = clock.GetUtcNow() };
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Deletes the content of these files unless a message or an invoice still lists it (content is shared: the
    /// same file sent by two customers is stored once). Called after an erasure or a retention sweep has committed.</summary>
    public async Task ForgetUnusedAsync(IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken)
    {
        foreach (var chunk in sha256s.Distinct().Chunk(500))
        {
            var used = await db.Attachments.Where(a => chunk.Contains(a.Sha256)).Select(a => a.Sha256)
                .Concat(db.Invoices.Where(i => i.DocumentSha256 != null && chunk.Contains(i.DocumentSha256)).Select(i => i.DocumentSha256!))
                .Distinct().ToListAsync(cancellationToken);
            var unused = chunk.Except(used).ToList();
            if (InDatabase)
            {
                await db.AttachmentContents.Where(c => unused.Contains(c.Sha256)).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            foreach (var sha in unused)
            {
                File.Delete(PathOf(sha));
            }
        }
    }

    /// The content, or null when it is gone (a data folder restored without its attachments).
    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (InDatabase)
        {
            var content = await db.AttachmentContents.AsNoTracking().Where(c => c.Sha256 == sha256).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken);
            return content is null ? null : new MemoryStream(content, writable: false);
        }

        var path = PathOf(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// A name safe on every system and in a header: no path, no control, format (bidirectional overrides) or reserved
    /// characters, not empty, at most 150 characters.
    public static string CleanName(string? name, string mimeType)
    {
        var leaf = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]);
        var builder = new StringBuilder(leaf.Length);
        foreach (var ch in leaf)
        {
            // Format characters (right-to-left override, zero-width joiners…) are invisible in a name and can disguise
            // it: "fattura\u202Efdp.exe" reads "fatturaexe.pdf".
            if (char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(char.IsControl(ch) || "<>:\"|?*".Contains(ch, StringComparison.Ordinal) ? '_' : ch);
        }

        var clean = builder.ToString().Trim().Trim('.');
        if (clean.Length == 0)
        {
            clean = "attachment" + (mimeType.StartsWith("text/", StringComparison.Ordinal) ? ".txt" : ".bin");
        }

        return clean.Length <= 150 ? clean : Excerpts.Cut(Path.GetFileNameWithoutExtension(clean), 140) + Path.GetExtension(clean)[..Math.Min(10, Path.GetExtension(clean).Length)];
    }

    private async Task SaveAsync(string sha, byte[] bytes, CancellationToken cancellationToken)
    {
        if (InDatabase)
        {
            if (!db.AttachmentContents.Local.Any(c => c.Sha256 == sha) && !await db.AttachmentContents.AnyAsync(c => c.Sha256 == sha, cancellationToken))
            {
                db.AttachmentContents.Add(new AttachmentContent { Sha256 = sha, Content = bytes });
            }

            return;
        }

        var path = PathOf(sha);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string sha) => Path.Combine(dataDirectory, "attachments", sha[..2], sha);
}
