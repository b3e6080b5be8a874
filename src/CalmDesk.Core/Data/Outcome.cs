namespace CalmDesk.Data;

/// The result of a change: done (with its value), not found (or not visible), or refused with field errors (among them
/// a conflict: the record changed since the caller read it).
internal sealed record Outcome<T>(T? Value, bool NotFound, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    public bool Succeeded => Value is not null;

    /// Refused because someone else saved the record after the caller read the copy the change was made on.
    public bool Conflict { get; private init; }

    public static Outcome<T> Conflicting(string field, string message) => Invalid(field, message) with { Conflict = true };

    public static Outcome<T> Done(T value) => new(value, false, EmptyErrors);

    public static Outcome<T> Missing() => new(null, true, EmptyErrors);

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, false, errors);

    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static readonly Dictionary<string, string[]> EmptyErrors = [];
}
