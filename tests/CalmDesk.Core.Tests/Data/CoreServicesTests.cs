using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CalmDesk.Data;

public sealed class CoreServicesTests
{
    /// Every service the core registers can be built from the registrations alone (plus data protection, which the
    /// host configures with its key folder): a dependency someone forgot to register fails here, not on a page.
    [Fact]
    public async Task AddCalmDeskCore_EveryCoreServiceResolves()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddCalmDeskCore(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), database.Settings, Path.GetTempPath());
        var core = services.Where(d => d.ServiceType.Assembly == typeof(CoreServices).Assembly).Select(d => d.ServiceType).Distinct().ToList();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();

        Assert.True(core.Count >= 40, $"only {core.Count} core services registered");
        Assert.All(core, type => Assert.NotNull(scope.ServiceProvider.GetRequiredService(type)));
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    /// A service gets the services it uses through its constructor: one that builds another with <c>new</c> skips the
    /// registrations (the installation's options, its model) and hides a dependency. Only the registrations may, and a
    /// type's own factory methods.
    [Fact]
    public void NoCodeBuildsARegisteredService_ExceptTheRegistrations()
    {
        var services = new ServiceCollection();
        services.AddCalmDeskCore(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:"), Path.GetTempPath());
        var names = services.Select(d => d.ServiceType).Where(t => t.Assembly == typeof(CoreServices).Assembly && !t.IsGenericType).Select(t => t.Name).Distinct().ToList();
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CalmDesk.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var built = (from folder in new[] { "CalmDesk.Core", "CalmDesk" }
                     from file in Directory.EnumerateFiles(Path.Combine(root.FullName, "src", folder), "*.*", SearchOption.AllDirectories)
                     where (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
                           && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && Path.GetFileName(file) != "CoreServices.cs"
                     let text = File.ReadAllText(file)
                     from name in names
                     where text.Contains($"new {name}(", StringComparison.Ordinal) && Path.GetFileNameWithoutExtension(file) != name
                     select $"{Path.GetFileName(file)} builds {name}").ToList();

        Assert.True(names.Count >= 40, $"only {names.Count} core services registered");
        Assert.Empty(built);
    }
}
