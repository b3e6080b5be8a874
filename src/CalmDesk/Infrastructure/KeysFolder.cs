using System.Xml.Linq;
using CalmDesk.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Infrastructure;

/// Earlier versions kept the data-protection keys as files in the data folder's <c>keys</c>; they now live in the
/// database (shared by every instance). At start, a key found in the folder and not in the database is copied in, so
/// the mailbox passwords and sign-ins it protects still open after the upgrade. The files are left where they are.
internal static class KeysFolder
{
    public static async Task<int> ImportAsync(CalmDeskDbContext db, string? dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = dataDirectory is null ? null : Path.Combine(dataDirectory, "keys");
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        // The file system repository names each file after the key's friendly name ("key-GUID.xml"), as the database's does its row.
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name))
            {
                continue;
            }

            XElement key;
            try
            {
                key = XElement.Load(file);
            }
            catch (System.Xml.XmlException exception)
            {
                await output.WriteLineAsync($"warning: {file} is not a readable key ({exception.Message}); it was not moved into the database.");
                continue;
            }

            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = key.ToString(SaveOptions.DisableFormatting) });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await output.WriteLineAsync($"Moved {added} data-protection key(s) from {folder} into the database.");
        }

        return added;
    }
}
