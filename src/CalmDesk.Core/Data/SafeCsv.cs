using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CalmDesk.Data;

/// <summary>How every CSV CalmDesk writes is made: invariant culture, and CsvHelper's formula-injection guard on, so a
/// cell a customer or a user typed that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// is written with a leading apostrophe and quoted: a spreadsheet shows it as text instead of running it. A cell that
/// is a plain number ("-120.00", a credit note) is a number to a spreadsheet, not a formula, and is written as it is.</summary>
internal static class SafeCsv
{
    public static CsvWriter Writer(TextWriter output) =>
        new Guarded(output, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });

    private sealed class Guarded(TextWriter output, CsvConfiguration configuration) : CsvWriter(output, configuration)
    {
        protected override string SanitizeForInjection(string? field) =>
            field is not null && decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                ? field
                : base.SanitizeForInjection(field) ?? "";
    }
}
