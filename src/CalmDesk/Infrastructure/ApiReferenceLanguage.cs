using System.Text;

namespace CalmDesk.Infrastructure;

/// Scalar's page has no <c>lang</c> on its <c>html</c> element; its interface is English, so it gets <c>lang="en"</c>.
internal static class ApiReferenceLanguage
{
    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(bytes);
            bytes = Encoding.UTF8.GetBytes(html.Replace("<html>", "<html lang=\"en\">", StringComparison.Ordinal));
            context.Response.ContentLength = bytes.Length;
        }

        await original.WriteAsync(bytes, context.RequestAborted);
    });
}
