namespace CalmDesk.Search;

/// <summary>A record the global search finds by a stored key (<see cref="Customers.SearchText.Key"/>). The database context
/// refreshes the key whenever a record is added or one of <see cref="SearchedProperties"/> changes, so no writer can
/// forget it; records stored before the key existed get theirs from <see cref="SearchKeys.BackfillAsync"/>.</summary>
internal interface ISearchable
{
    string? SearchKey { get; }

    /// The properties the key is made of.
    IReadOnlyList<string> SearchedProperties { get; }

    void RefreshSearchKey();
}
