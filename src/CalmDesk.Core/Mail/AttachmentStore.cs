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
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await SaveAsync(sha, bytes, cancellationToken);
            interaction.Attachments.Add(new Attachment
            {
                FileName = CleanName(part.FileName, part.ContentType.MimeType), ContentType = Excerpts.Fit(part.ContentType.MimeType, 100),
                Size = bytes.LongLength, Sha256 = sha, CreatedAt = clock.GetUtcNow(),
            });
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

    /// A name safe on every system and in a header: no path, no control or reserved characters, not empty, at most 150 characters.
    public static string CleanName(string? name, string mimeType)
    {
        var leaf = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]);
        var builder = new StringBuilder(leaf.Length);
        foreach (var ch in leaf)
        {
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
