namespace CalmDesk.Data;

/// One page of a longer list, with what a caller needs to ask for the next.
internal sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 200;

    public int Pages => Total == 0 ? 1 : (Total + Size - 1) / Size;

    public bool HasNext => Number < Pages;

    public bool HasPrevious => Number > 1;

    /// The highest page number asked for: (number - 1) × size stays a valid offset for every size, so a page far past
    /// the end is an empty page, never an offset that wraps round (which PostgreSQL refuses).
    public const int MaxNumber = int.MaxValue / MaxSize;

    public static (int Number, int Size) Clamp(int? number, int? size) =>
        (Math.Clamp(number ?? 1, 1, MaxNumber), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
