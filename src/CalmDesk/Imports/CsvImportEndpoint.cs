using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Imports;

/// A CSV import posted as the request body: the report, or a problem when the file cannot be read at all.
internal static class CsvImportEndpoint
{
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> RunAsync(string kind, HttpRequest request, Func<Stream, Task<ImportReport>> import)
    {
        try
        {
            var report = await import(request.Body);
            ImportMetrics.Record(kind, report);
            return TypedResults.Ok(report);
        }
        catch (InvalidDataException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The CSV cannot be read", detail: exception.Message);
        }
    }
}
