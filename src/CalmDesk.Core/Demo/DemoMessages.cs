using System.Text.Json;

namespace CalmDesk.Demo;

/// The demo's message bank (demo-messages.json): what customers write, what reps answer, notes of calls,
/// in English, Italian and Greek. Placeholders: {contact}, {rep}, {order}, {invoice}.
internal sealed record DemoMessages(
    IReadOnlyList<DemoMessages.Inbound> InboundMessages,
    IReadOnlyList<DemoMessages.Outbound> OutboundMessages,
    IReadOnlyList<DemoMessages.Note> Notes)
{
    internal sealed record Inbound(string Kind, string Subject, string Body);

    internal sealed record Outbound(string Subject, string Body);

    internal sealed record Note(string Channel, string Body, int Minutes);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record LanguageBank(List<Inbound> Inbound, List<Outbound> Outbound, List<Note> Notes);

    public static IReadOnlyDictionary<string, DemoMessages> Load()
    {
        using var stream = typeof(DemoMessages).Assembly.GetManifestResourceStream("CalmDesk.Demo.demo-messages.json")
            ?? throw new InvalidOperationException("The demo message bank is missing from the assembly.");
        var banks = JsonSerializer.Deserialize<Dictionary<string, LanguageBank>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The demo message bank is empty.");
        return banks.ToDictionary(b => b.Key, b => new DemoMessages(b.Value.Inbound, b.Value.Outbound, b.Value.Notes));
    }
}
