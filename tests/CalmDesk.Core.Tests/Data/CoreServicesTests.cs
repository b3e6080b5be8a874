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
}
