using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CalmDesk.Mail;

/// <summary>
/// Downloads a file that came with a message, or an invoice's document, for whoever may see the customer (signed in, or with an API token). It is
/// always a download of opaque bytes with a clean name: never shown in the page, never sniffed, never run as a script.
/// </summary>
internal static class AttachmentsEndpoint
{
    public static void MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/attachments/{id:long}", DownloadAsync).RequireAuthorization().WithTags("Mail").WithName("DownloadAttachment")
            .WithSummary("Download a file that came with a message (as an attachment, never displayed)");
        app.MapGet("/invoices/{id:int}/document", DownloadDocumentAsync).RequireAuthorization().WithTags("Receivables").WithName("DownloadInvoiceDocument")
            .WithSummary("Download an invoice's document (as an attachment, never displayed)");
    }

    private static async Task<IResult> DownloadDocumentAsync(int id, HttpContext http, Receivables.ReceivablesBook book, AttachmentStore store, CancellationToken cancellationToken)
    {
        var document = await book.DocumentAsync(Viewer.From(http.User), id, cancellationToken);
        var content = document is null ? null : await store.OpenAsync(document.Sha256, cancellationToken);
        return content is null ? NotFound(http, "Invoice document", id) : Download(http, content, document!.FileName);
    }

    private static async Task<IResult> DownloadAsync(long id, HttpContext http, CalmDeskDbContext db, AttachmentStore store, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(http.User);
        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && db.Interactions.Any(i => i.Id == a.InteractionId && db.Customers.VisibleTo(viewer).Any(c => c.Id == i.CustomerId)))
            .Select(a => new { a.FileName, a.Sha256 })
            .FirstOrDefaultAsync(cancellationToken);
        var content = file is null ? null : await store.OpenAsync(file.Sha256, cancellationToken);
        if (content is null)
        {
            return NotFound(http, "Attachment", id);
        }

        return Download(http, content, file!.FileName);
    }

    /// A script with a token is told in problem details; a person who followed a link from a page gets the not-found
    /// page in their language (an empty 404, which the error pages fill).
    private static IResult NotFound(HttpContext http, string what, long id) =>
        ApiTokenAuthentication.IsViaToken(http.User)
            ? ApiResults.NotFound(what, id)
            : Results.NotFound();

    private static IResult Download(HttpContext http, Stream content, string fileName)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(content, "application/octet-stream", fileName);
    }
}
