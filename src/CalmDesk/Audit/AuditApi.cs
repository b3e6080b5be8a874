using System.Text;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Audit;

internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAudit).WithName(nameof(ListAudit))
            .WithSummary("Who changed what, newest first (admins): filter by customerId, subject, actor, from, to; page on with before = the answer's next")
            .WithDescription("Subjects: " + string.Join(", ", AuditTrail.Subjects) + ". Values of secrets show as •••; an erased customer's entries keep who and when but no values.");
        group.MapGet("/export", ExportAudit).WithName(nameof(ExportAudit)).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The same entries as a CSV download (admins); cells that a spreadsheet would run as formulas are escaped: " + string.Join(", ", AuditLog.CsvColumns));
        return api;
    }

    public static async Task<Results<Ok<AuditLogPage>, ValidationProblem>> ListAudit(
        AuditLog log, int? customerId, string? subject, string? actor, DateOnly? from, DateOnly? to, long? before, int? pageSize,
        CancellationToken cancellationToken)
    {
        if (Check(subject, from, to) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await log.PageAsync(new AuditQuery(customerId, subject, actor, from, to, before, pageSize), cancellationToken));
    }

    public static async Task<IResult> ExportAudit(
        HttpContext http, AuditLog log, int? customerId, string? subject, string? actor, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (Check(subject, from, to) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Downloads.Begin(http.Response, "text/csv; charset=utf-8", "calmdesk-audit.csv");
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await log.WriteCsvAsync(new AuditQuery(customerId, subject, actor, from, to), writer, cancellationToken);
        return TypedResults.Empty;
    }

    /// The subject is one the log knows, the days are business dates (1900–2199) and the span runs forwards; anything
    /// else is a 400 saying so (a 'to' of 9999-12-31 overflowed the day after it, a 500).
    public static Dictionary<string, string[]>? Check(string? subject, DateOnly? from, DateOnly? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(subject) && !AuditTrail.Subjects.Contains(subject))
        {
            errors["subject"] = [CalmDesk.Localization.Messages.Format("Unknown subject '{0}'; use one of {1}.", subject, string.Join(", ", AuditTrail.Subjects))];
        }

        CalmDesk.Data.BusinessDates.Check(errors, "from", from);
        CalmDesk.Data.BusinessDates.Check(errors, "to", to);
        if (from is { } start && to is { } end && end < start)
        {
            errors["to"] = [CalmDesk.Localization.Messages.Get("'to' is before 'from'.")];
        }

        return errors.Count == 0 ? null : errors;
    }
}
