using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CalmDesk.Imports;

/// One CSV record as text fields by header name, or the reason it could not be read.
internal sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields, string? Problem)
{
    public string? this[string name] => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// The column as an ISO date (2026-03-31), null when empty; a bad value adds its reason to the row's problems.
    public DateOnly? Date(string column, List<string> problems)
    {
        if (this[column] is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add($"{column} '{text}' is not a date like 2026-03-31.");
        return null;
    }

    /// The column as a number with a dot for decimals, null when empty; a bad value adds its reason to the row's problems.
    public decimal? Number(string column, List<string> problems)
    {
        if (this[column] is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        problems.Add($"{column} '{text}' is not a number like 1234.50 (a dot for decimals, no thousands separator).");
        return null;
    }
}

/// Reads CSV records one by one with CsvHelper, tolerating the damage real exports have
/// (stray quotes, short rows, ';' from spreadsheet programs) so one bad row never stops the rest.
internal static class CsvRows
{
    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream stream, IReadOnlyCollection<string> required)
    {
        var badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = _ => badData = true,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        using var reader = await TextEncodings.OpenAsync(stream);
        using var csv = new CsvReader(reader, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new InvalidDataException("The file is empty: a CSV import needs a header line naming its columns.");
        }

        var headers = csv.HeaderRecord.Select(Normalize).ToArray();
        var missing = required.Where(r => !headers.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The header line lacks the column(s) {string.Join(", ", missing)}; it has {string.Join(", ", csv.HeaderRecord)}.");
        }

        var lastLine = csv.Parser.RawRow;
        while (true)
        {
            badData = false;
            if (!await csv.ReadAsync())
            {
                yield break;
            }

            var line = lastLine + 1;
            lastLine = csv.Parser.RawRow;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var count = csv.Parser.Count;
            for (var i = 0; i < Math.Min(count, headers.Length); i++)
            {
                fields[headers[i]] = TextEncodings.Clean(csv.Parser[i] ?? "");
            }

            var problem = badData
                ? "the row is malformed (a quote is not closed or stands inside an unquoted field)"
                : count != headers.Length ? $"expected {headers.Length} fields as in the header, found {count}" : null;
            yield return new CsvRow(line, fields, problem);
        }
    }

    /// Reads every row, rejects the unreadable ones with their line, hands the others to importRow, reports progress.
    public static async Task<ImportReport> ImportEachAsync(
        Stream stream, IReadOnlyCollection<string> required, IProgress<ImportProgress>? progress,
        Func<CsvRow, string, ImportReport, Task> importRow, CancellationToken cancellationToken)
    {
        var report = new ImportReport();
        await foreach (var row in ReadAsync(stream, required).WithCancellation(cancellationToken))
        {
            var location = $"line {row.Line}";
            if (row.Problem is not null)
            {
                report.Reject(location, row.Problem);
            }
            else
            {
                await importRow(row, location, report);
            }

            progress?.Report(new ImportProgress(stream.CanSeek ? stream.Position : 0, stream.CanSeek ? stream.Length : 0, report.Read));
        }

        return report;
    }

    /// "Contact Email", "contact_email" and "contactEmail" all name the same column.
    public static string Normalize(string header) =>
        new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
