using Microsoft.Net.Http.Headers;

namespace CalmDesk.Infrastructure;

/// An answer written as a file to save (an export): its type, a clean attachment name, and kept by no cache.
internal static class Downloads
{
    public static void Begin(HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
    }
}
