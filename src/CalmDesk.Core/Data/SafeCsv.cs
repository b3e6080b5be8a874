using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CalmDesk.Data;

/// <summary>How every CSV CalmDesk writes is made: invariant culture, and CsvHelper's formula-injection guard on, so a
/// cell a customer or a user typed that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// is written with a leading apostrophe and quoted: a spreadsheet shows it as text instead of running it.</summary>
internal static class SafeCsv
{
    public static CsvWriter Writer(TextWriter output) =>
        new(output, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
}
