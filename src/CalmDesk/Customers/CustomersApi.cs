using CalmDesk.Accounts;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalmDesk.Customers;

internal sealed record ContactRequest(string? Name, string? Email, string? Phone, string? Language, string? Gender = null);

internal sealed record CustomerRequest(
    string? Company,
    string? Segment,
    string? Status,
    string? PreferredLanguage,
    string? Currency,
    int? AssignedRepId,
    DateOnly? ContractRenewalDate,
    string? ExternalId,
    IReadOnlyList<ContactRequest>? Contacts,
    string? Country = null,
    string? TimeZone = null,
    string? PostalAddress = null)
{
    public CustomerInput ToInput() =>
        new(Company, Segment, Status, PreferredLanguage, Currency, AssignedRepId, ContractRenewalDate, ExternalId, Country, TimeZone, PostalAddress);
}

internal static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization();
        group.MapGet("/", ListCustomers).WithName(nameof(ListCustomers))
            .WithSummary("List customers you can see, with search, filters and paging")
            .WithDescription("Reps see the customers assigned to them; managers and admins see all. `q` matches company, segment and contacts, ignoring case, accents and greeklish. `sort` is one of company, segment, status, rep, renewal, last-contact, interactions, with `-` in front for descending (`-renewal`); empty values come last either way.");
        group.MapGet("/{id:int}", GetCustomer).WithName(nameof(GetCustomer)).WithSummary("Get a customer with its contacts");
        group.MapPost("/", CreateCustomer).WithName(nameof(CreateCustomer)).WithSummary("Create a customer, optionally with contacts");
        group.MapPut("/{id:int}", UpdateCustomer).WithName(nameof(UpdateCustomer)).WithSummary("Replace a customer's details");
        group.MapPost("/{id:int}/contacts", AddContact).WithName(nameof(AddContact)).WithSummary("Add a contact to a customer");
        return api;
    }

    public static async Task<Results<Ok<Page<CustomerRow>>, ValidationProblem>> ListCustomers(
        HttpContext http, CustomerDirectory customers, string? q, int? repId, string? status, int? page, int? pageSize, string? sort,
        CancellationToken cancellationToken)
    {
        CustomerStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!CustomerInput.TryParseStatus(status, out var value))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [CalmDesk.Localization.Messages.Format("Unknown status '{0}'; use one of {1}.", status, string.Join(", ", Enum.GetNames<CustomerStatus>()))],
                });
            }

            parsed = value;
        }

        if (!Sorting.TryParse(sort, CustomerQuery.SortColumns, out var sorting, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sort"] = [error!] });
        }

        var result = await customers.SearchAsync(Viewer.From(http.User), new CustomerQuery(q, repId, parsed, page, pageSize, sorting), cancellationToken);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<CustomerDetail>, ProblemHttpResult>> GetCustomer(
        int id, HttpContext http, CustomerDirectory customers, CancellationToken cancellationToken) =>
        await customers.GetAsync(Viewer.From(http.User), id, cancellationToken) is { } customer
            ? TypedResults.Ok(Tagged(http, customer))
            : NotFound(id);

    public static async Task<Results<Created<CustomerDetail>, ValidationProblem>> CreateCustomer(
        CustomerRequest request, HttpContext http, CustomerDirectory customers, CancellationToken cancellationToken)
    {
        var contacts = (request.Contacts ?? []).Select(c => new ContactInput(c.Name, c.Email, c.Phone, c.Language, c.Gender)).ToList();
        var outcome = await customers.CreateAsync(Viewer.From(http.User), request.ToInput(), contacts, cancellationToken);
        return outcome.Value is { } created
            ? TypedResults.Created($"/api/v1/customers/{created.Id}", created)
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static async Task<Results<Ok<CustomerDetail>, ProblemHttpResult, ValidationProblem>> UpdateCustomer(
        int id, CustomerRequest request, HttpContext http, CustomerDirectory customers, CancellationToken cancellationToken)
    {
        var outcome = await customers.UpdateAsync(Viewer.From(http.User), id, request.ToInput(), IfMatch(http), cancellationToken);
        return outcome switch
        {
            { Value: { } updated } => TypedResults.Ok(Tagged(http, updated)),
            { NotFound: true } => NotFound(id),
            { Conflict: true } => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed since you read it",
                detail: string.Join(" ", outcome.Errors.Values.SelectMany(m => m))),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }

    /// The customer's stamp as its entity tag: a client that sends it back as If-Match has its change refused (412) when
    /// someone else saved the customer after it read it.
    private static CustomerDetail Tagged(HttpContext http, CustomerDetail customer)
    {
        http.Response.Headers.ETag = $"\"{customer.Stamp}\"";
        return customer;
    }

    /// The stamp an If-Match header names (its first tag, weak or strong), or null without one or for "*".
    private static string? IfMatch(HttpContext http) =>
        Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseList(http.Request.Headers.IfMatch, out var tags)
            && tags.FirstOrDefault() is { } tag && tag != Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any
            ? tag.Tag.ToString().Trim('"')
            : null;

    public static async Task<Results<Created<ContactView>, ProblemHttpResult, ValidationProblem>> AddContact(
        int id, ContactRequest request, HttpContext http, CustomerDirectory customers, CancellationToken cancellationToken)
    {
        var outcome = await customers.AddContactAsync(
            Viewer.From(http.User), id, new ContactInput(request.Name, request.Email, request.Phone, request.Language, request.Gender), cancellationToken);
        return outcome switch
        {
            { Value: { } contact } => TypedResults.Created($"/api/v1/customers/{id}", contact),
            { NotFound: true } => NotFound(id),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }

    /// The same answer whether the customer does not exist or belongs to another rep: existence is not leaked.
    internal static ProblemHttpResult NotFound(int id) =>
        ApiResults.NotFound("Customer", id);
}
