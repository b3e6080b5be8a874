namespace CalmDesk.Imports;

/// How far an import has read, in bytes of the file, with the records handled so far.
internal sealed record ImportProgress(long BytesRead, long BytesTotal, int Records);
