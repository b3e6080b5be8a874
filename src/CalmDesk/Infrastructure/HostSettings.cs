namespace CalmDesk.Infrastructure;

/// What the command line says about the host, before configuration files and the environment are read.
internal sealed record HostSettings(string DataDirectory, string? Urls = null, bool Demo = true, string[]? ExtraArgs = null, bool Quiet = false)
{
    public const string DefaultDataDirectory = "./data";
}
