namespace CalmDesk.Imports;

/// A rejected record: where it is in the file ("line 12", "message 3") and why it was refused.
internal sealed record ImportRejection(string Location, string Reason);

/// What an import did, record by record.
internal sealed class ImportReport
{
    private readonly List<ImportRejection> _rejected = [];

    public int Read { get; private set; }

    public int Imported { get; private set; }

    public int Duplicates { get; private set; }

    public IReadOnlyList<ImportRejection> Rejected => _rejected;

    public void CountImported()
    {
        Read++;
        Imported++;
    }

    public void CountDuplicate()
    {
        Read++;
        Duplicates++;
    }

    public void Reject(string location, string reason)
    {
        Read++;
        _rejected.Add(new ImportRejection(location, reason));
    }

    public void Reject(string location, IReadOnlyDictionary<string, string[]> errors) =>
        Reject(location, string.Join(" ", errors.SelectMany(e => e.Value)));
}
