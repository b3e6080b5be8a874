using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace CalmDesk;

/// <summary>Runs a database test once per database CalmDesk supports, passing its name ("sqlite", "postgres") as the
/// test's only argument: one attribute instead of the provider list pasted on every test. PostgreSQL runs where
/// <c>CALMDESK_TEST_POSTGRES</c> points at a server, and is required under CI=true (the test database helpers skip or
/// fail accordingly).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllDatabasesAttribute : DataAttribute
{
    public static readonly IReadOnlyList<string> Providers = ["sqlite", "postgres"];

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([.. Providers.Select(p => new TheoryDataRow<string>(p))]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
