namespace CalmDesk.Data;

/// One page of a longer list, with what a caller needs to ask for the next.
internal sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 200;

    public int Pages => Total == 0 ? 1 : (Total + Size - 1) / Size;

    public bool HasNext => Number < Pages;

    public bool HasPrevious => Number > 1;

    public static (int Number, int Size) Clamp(int? number, int? size) =>
        (Math.Max(1, number ?? 1), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
