using System.Reflection;
using CalmDesk.Data;
using Microsoft.AspNetCore.Components;

namespace CalmDesk.Infrastructure;

/// Rules every component keeps, checked over all of them, so a new page cannot bring back a fixed defect.
public sealed class ComponentRulesTests
{
    private static readonly Type[] Components = [.. typeof(CalmDeskHost).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)];

    /// Static rendering runs sibling components at once (the layout's bell beside the page, two cards on a page):
    /// a service holding the request's DbContext, injected into two of them, is used twice at the same time, which
    /// PostgreSQL refuses. Components that read data take their services from their own scope (DataComponent).
    [Fact]
    public void NoComponent_InjectsAServiceThatUsesTheRequestsDbContext()
    {
        var services = CalmDeskHost.CreateBuilder(new HostSettings(Path.GetTempPath(), Quiet: true)).Services;
        var registrations = services.GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Last());
        var offending = Components
            .SelectMany(c => c.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null && ReachesDbContext(p.PropertyType, registrations, []))
                .Select(p => $"{c.Name}.{p.Name} ({p.PropertyType.Name})"))
            .ToList();

        Assert.True(Components.Length > 30, "The scan found too few components to be working.");
        Assert.True(ReachesDbContext(typeof(Cases.CaseBook), registrations, []), "The dependency walk does not see a service's DbContext.");
        Assert.Empty(offending);
    }

    /// A component's own scope must outlive its loading (DataComponent waits for it); OwningComponentBase alone
    /// disposes the scope, and the connection, under a query when a response ends early.
    [Fact]
    public void ComponentsWithTheirOwnScope_AreDataComponents()
    {
        var owning = Components.Where(c => typeof(OwningComponentBase).IsAssignableFrom(c)).ToList();

        Assert.True(owning.Count > 20, "The scan found too few components with their own scope to be working.");
        Assert.All(owning, c => Assert.True(typeof(Components.DataComponent).IsAssignableFrom(c), c.Name));
    }

    /// A typed query parameter that does not parse makes the framework throw before the page runs (a 500): pages take
    /// query values as text and read them with QueryValue, which answers 400.
    [Fact]
    public void EveryQueryParameter_IsBoundAsText()
    {
        var typed = Components
            .SelectMany(c => c.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null && p.PropertyType != typeof(string) && p.PropertyType != typeof(string[]))
                .Select(p => $"{c.Name}.{p.Name} ({p.PropertyType.Name})"))
            .ToList();

        Assert.Empty(typed);
    }

    private static bool ReachesDbContext(Type type, Dictionary<Type, ServiceDescriptor> registrations, HashSet<Type> visited)
    {
        if (type == typeof(CalmDeskDbContext))
        {
            return true;
        }

        if (!visited.Add(type))
        {
            return false;
        }

        var descriptor = registrations.GetValueOrDefault(type)
            ?? (type.IsGenericType ? registrations.GetValueOrDefault(type.GetGenericTypeDefinition()) : null);
        if (descriptor is null || descriptor.Lifetime == ServiceLifetime.Singleton)
        {
            return false;
        }

        // A service built by a factory cannot be inspected: one of ours is suspect, a framework one is not.
        var implementation = descriptor.ImplementationType;
        if (implementation is null)
        {
            return descriptor.ImplementationFactory is not null && type.Namespace?.StartsWith("CalmDesk", StringComparison.Ordinal) == true;
        }

        if (implementation.IsGenericTypeDefinition && type.IsGenericType)
        {
            implementation = implementation.MakeGenericType(type.GetGenericArguments());
        }

        return implementation.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Any(p => ReachesDbContext(p.ParameterType, registrations, visited));
    }
}
