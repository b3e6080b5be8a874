namespace CalmDesk.Playbooks;

/// Holds the loaded playbooks and reloads them when a file in the folders changes, so an edit shows up without a restart.
/// The shipped files come first; the data folder's `playbooks/` overrides or extends them.
internal sealed class PlaybookStore(IReadOnlyList<string> folders, TimeProvider clock)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private PlaybookLibrary? _library;
    private string _stamp = "";
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public IReadOnlyList<string> Folders => folders;

    /// The shipped playbooks (beside the program) and the data folder's own.
    public static IReadOnlyList<string> FoldersFor(string dataDirectory) =>
        [Path.Combine(AppContext.BaseDirectory, "playbooks"), Path.Combine(dataDirectory, "playbooks")];

    public PlaybookLibrary Current
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (_library is not null && now - _checkedAt < CheckEvery)
                {
                    return _library;
                }

                _checkedAt = now;
                var stamp = Stamp();
                if (_library is null || stamp != _stamp)
                {
                    _library = PlaybookLibrary.Load(folders);
                    _stamp = stamp;
                }

                return _library;
            }
        }
    }

    private string Stamp() => string.Join('|', folders.Where(Directory.Exists)
        .SelectMany(f => Directory.EnumerateFiles(f, "*.md", SearchOption.AllDirectories))
        .Order(StringComparer.Ordinal)
        .Select(f => new FileInfo(f))
        .Select(f => $"{f.FullName}:{f.LastWriteTimeUtc.Ticks}:{f.Length}"));
}
