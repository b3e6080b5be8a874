using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Privacy;

internal sealed record EraseCustomerRequest(string? Confirmation);

internal static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers/{id:int}").WithTags("Personal data").RequireAuthorization();
        group.MapPut("/contacts/{contactId:int}", UpdateContact).WithName(nameof(UpdateContact)).WithSummary("Correct a contact's details");
        group.MapDelete("/contacts/{contactId:int}", EraseContact).WithName(nameof(EraseContact)).RequireAuthorization(Policies.Manager)
            .WithSummary("Erase a contact (managers): the contact is deleted and their name, address and number blanked in the customer's messages, outgoing mail and incidents; the raw copies of mail they sent are deleted");
        group.MapGet("/export", ExportCustomer).WithName(nameof(ExportCustomer)).RequireAuthorization(Policies.Manager)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Everything held about a customer (managers), for a data-protection request: format=json (one document) or format=zip (a CSV per table, formula cells escaped, with the files)");
        group.MapPost("/erase", EraseCustomer).WithName(nameof(EraseCustomer)).RequireAuthorization(Policies.Manager)
            .WithSummary("Erase a customer (managers): `confirmation` repeats the company's name. Invoices, payments and orders stay for the books, under an anonymised customer; everything else about them is deleted, and the audit log keeps who and when without values");
        return api;
    }

    public static async Task<Results<Ok<ContactView>, ProblemHttpResult, ValidationProblem>> UpdateContact(
        int id, int contactId, ContactRequest request, HttpContext http, CustomerDirectory customers, CancellationToken cancellationToken) =>
        await customers.UpdateContactAsync(Viewer.From(http.User), id, contactId,
            new ContactInput(request.Name, request.Email, request.Phone, request.Language, request.Gender), cancellationToken) switch
        {
            { Value: { } contact } => TypedResults.Ok(contact),
            { NotFound: true } => ApiResults.NotFound("Contact", contactId),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<Results<Ok<ContactErasureReport>, ProblemHttpResult>> EraseContact(
        int id, int contactId, HttpContext http, PersonalData data, CancellationToken cancellationToken) =>
        await data.EraseContactAsync(Viewer.From(http.User), id, contactId, cancellationToken) is { Value: { } report }
            ? TypedResults.Ok(report)
            : ApiResults.NotFound("Contact", contactId);

    public static async Task<Results<Ok<ErasureReport>, ProblemHttpResult, ValidationProblem>> EraseCustomer(
        int id, EraseCustomerRequest? request, HttpContext http, PersonalData data, CancellationToken cancellationToken) =>
        await data.EraseCustomerAsync(Viewer.From(http.User), id, request?.Confirmation, cancellationToken) switch
        {
            { Value: { } report } => TypedResults.Ok(report),
            { NotFound: true } => CustomersApi.NotFound(id),
            var outcome => TypedResults.ValidationProblem(outcome.Errors),
        };

    public static async Task<IResult> ExportCustomer(int id, string? format, HttpContext http, PersonalData data, CancellationToken cancellationToken)
    {
        format = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (format is not ("json" or "zip"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [CalmDesk.Localization.Messages.Format("Unknown format '{0}'; use json or zip.", format)] });
        }

        // Written into a buffer first: a customer that is not found is a 404, not a half-sent download.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        var viewer = Viewer.From(http.User);
        var found = format == "json"
            ? await data.WriteJsonAsync(viewer, id, buffer, cancellationToken)
            : await data.WriteZipAsync(viewer, id, buffer, cancellationToken);
        if (!found)
        {
            return CustomersApi.NotFound(id);
        }

        buffer.Position = 0;
        Downloads.Begin(http.Response, format == "json" ? "application/json; charset=utf-8" : "application/zip", $"calmdesk-customer-{id}.{format}");
        http.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(http.Response.Body, cancellationToken);
        return TypedResults.Empty;
    }
}
