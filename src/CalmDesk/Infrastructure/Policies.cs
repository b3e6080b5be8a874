namespace CalmDesk.Infrastructure;

internal static class Policies
{
    public const string Admin = "Admin";

    public const string Manager = "Manager";
}
