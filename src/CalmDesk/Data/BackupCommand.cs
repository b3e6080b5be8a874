using System.CommandLine;
using CalmDesk.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CalmDesk.Data;

/// `calmdesk backup DIR` and `calmdesk restore DIR`: everything an installation needs to come back, taken while it
/// serves. The SQLite file is copied with SQLite's online backup (a consistent copy even while requests write), with
/// the data-protection keys in it (without them, stored mailbox passwords cannot be read), then the attachments' files
/// (and a <c>keys</c> folder an earlier version wrote, if there is one). On PostgreSQL the database, keys included, is
/// dumped with pg_dump; the command copies the files and says so.
internal static class BackupCommand
{
    private static readonly string[] Folders = ["keys", "attachments"];

    public static IEnumerable<Command> Create()
    {
        var target = new Argument<string>("DIR") { Description = "An empty or new folder for the backup" };
        var backup = new Command("backup", "Back up the database, keys and attachments to a folder, safely while the server runs") { target };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            var data = parse.GetValue(CommandLine.Data)!;
            var into = Path.GetFullPath(parse.GetValue(target)!);
            if (Directory.Exists(into) && Directory.EnumerateFileSystemEntries(into).Any())
            {
                await Console.Error.WriteLineAsync($"{into} is not empty: back up into a new or empty folder, so that no older backup is mixed in.");
                return 2;
            }

            var app = CalmDeskHost.CreateBuilder(new HostSettings(data, Quiet: true)).Build();
            var database = app.Services.GetRequiredService<DatabaseSettings>();
            CreatePrivateFolder(into);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await using var source = new SqliteConnection(database.ConnectionString);
                await source.OpenAsync(cancellationToken);
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(into, "calmdesk.db"), Pooling = false }.ToString());
                await copy.OpenAsync(cancellationToken);
                source.BackupDatabase(copy);
            }
            else
            {
                Console.WriteLine($"{database.Describe()}: dump the database (it holds the keys) with pg_dump -Fc (see README, Backups); copying the attachments only.");
            }

            var files = CopyFolders(Path.GetFullPath(data), into);
            Console.WriteLine($"Backed up {database.Describe()} and {files} file(s) to {into}.");
            return 0;
        });

        var from = new Argument<string>("DIR") { Description = "A folder written by `calmdesk backup`" };
        var force = new Option<bool>("--force") { Description = "Replace the database already in the data folder" };
        var restore = new Command("restore", "Restore a backup into the data folder (the server must be stopped)") { from, force };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var data = Path.GetFullPath(parse.GetValue(CommandLine.Data)!);
            var source = Path.GetFullPath(parse.GetValue(from)!);
            var file = Path.Combine(data, "calmdesk.db");
            if (!File.Exists(Path.Combine(source, "calmdesk.db")))
            {
                await Console.Error.WriteLineAsync($"{source} holds no calmdesk.db: it is not a backup of a SQLite installation.");
                return 2;
            }

            if (File.Exists(file) && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"{file} exists: restoring would replace it. Stop the server and add --force, or restore into an empty --data folder.");
                return 2;
            }

            CreatePrivateFolder(data);
            foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(stale);
            }

            File.Copy(Path.Combine(source, "calmdesk.db"), file);
            var files = CopyFolders(source, data);

            // The restored file is opened once, as the server would, so a damaged backup is found now.
            await using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await check.OpenAsync(cancellationToken);
            await using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var verdict = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (verdict != "ok")
            {
                await Console.Error.WriteLineAsync($"The restored database fails SQLite's integrity check: {verdict}");
                return 1;
            }

            Console.WriteLine($"Restored {file} and {files} file(s) from {source}.");
            return 0;
        });
        return [backup, restore];
    }

    /// A backup holds every customer's mail and every password hash: readable by its owner only.
    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static int CopyFolders(string from, string to)
    {
        var copied = 0;
        foreach (var folder in Folders)
        {
            var root = Path.Combine(from, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(to, folder, Path.GetRelativePath(root, path));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(path, destination, overwrite: true);
                copied++;
            }
        }

        return copied;
    }
}
