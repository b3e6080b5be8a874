namespace CalmDesk.Analysis;

/// <summary>A word of the judged text: where it is, where its folded form (lower case, no accents, σ for ς)
/// lies in its <see cref="TokenList"/>, and its shape (all capitals, has digits).</summary>
internal readonly record struct Token(int Offset, int Length, int FoldedStart, int FoldedLength, bool AllCaps, bool HasDigit);

/// <summary>The words of one message, with every folded form in one shared buffer: no string per word.
/// Reused from message to message by the thread that owns it.</summary>
internal sealed class TokenList
{
    private Token[] _tokens = new Token[64];
    private WordInfo?[] _infos = new WordInfo?[64];
    private char[] _folded = new char[512];
    private int _foldedLength;

    public int Count { get; private set; }

    public ref readonly Token this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _tokens[index];
        }
    }

    /// <summary>The folded form of a word, valid until the list is reused.</summary>
    public ReadOnlySpan<char> Folded(int index)
    {
        ref readonly var token = ref this[index];
        return _folded.AsSpan(token.FoldedStart, token.FoldedLength);
    }

    /// <summary>What the vocabulary knows about the word; null when no list names it.</summary>
    public WordInfo? Info(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _infos[index];
    }

    /// <summary>The folded form as a string, for the training tool and tests (allocates).</summary>
    public string FoldedString(int index) => new(Folded(index));

    public void Clear() => (Count, _foldedLength) = (0, 0);

    /// <summary>The folded characters appended since <paramref name="foldedStart"/> (the word being built).</summary>
    public ReadOnlySpan<char> FoldedSince(int foldedStart) => _folded.AsSpan(foldedStart, _foldedLength - foldedStart);

    /// <summary>Where the next word's folded characters start.</summary>
    public int FoldedEnd => _foldedLength;

    public void AppendFolded(char ch)
    {
        if (_foldedLength == _folded.Length)
        {
            Array.Resize(ref _folded, _folded.Length * 2);
        }

        _folded[_foldedLength++] = ch;
    }

    /// <summary>Ends a word whose folded characters were appended since <paramref name="foldedStart"/>.</summary>
    public void Add(int offset, int length, int foldedStart, bool allCaps, bool hasDigit, Vocabulary vocabulary)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
            Array.Resize(ref _infos, _tokens.Length);
        }

        _infos[Count] = vocabulary.Find(_folded.AsSpan(foldedStart, _foldedLength - foldedStart));
        _tokens[Count++] = new Token(offset, length, foldedStart, _foldedLength - foldedStart, allCaps, hasDigit);
    }
}
