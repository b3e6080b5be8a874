// The ceiling of this machine for bench/load.sh: Kestrel answering "Hello, World!" from a minimal API, with nothing
// else in the pipeline (TechEmpower's "plaintext" test), measured in the same run and with the same client settings as
// CalmDesk's own calls so that their figures can be read as ratios of it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
app.Run();
