using System.Text;

namespace CalmDesk.Imports;

/// Which encoding a CSV export was saved in. Spreadsheet programs still save "CSV" in the Windows code page of the
/// machine: Western European (Windows-1252) or Greek (ISO-8859-7 / Windows-1253). Read as UTF-8 those files turned
/// "Müller" into "M�ller" without a word; now a file is read as UTF-8 only when it is valid UTF-8, otherwise in the
/// code page its bytes show, and a file that is not text at all is refused with a reason.
internal static class TextEncodings
{
    private const int Chunk = 1 << 16;

    private const string NotText = "The file is not text (a spreadsheet, an archive or a PDF?): export the sheet as CSV, in UTF-8 if the program offers it.";

    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// A reader over the stream in its encoding (the stream is copied to memory first when it cannot seek).
    public static async Task<StreamReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            stream = copy;
        }

        var start = stream.Position;
        var encoding = await DetectAsync(stream, cancellationToken);
        stream.Position = start;
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
    }

    /// The encoding of the bytes from the stream's position: its byte-order mark's, UTF-8 when every byte sequence is
    /// valid UTF-8, else Greek when most non-ASCII bytes come in runs (Greek words are written wholly in them), else
    /// Western European. A spreadsheet, an archive, a PDF or bytes mostly NUL are not text and are refused.
    public static async Task<Encoding> DetectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[Chunk];
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(Chunk)];
        bool first = true, validUtf8 = true;
        long high = 0, inRuns = 0, total = 0, nuls = 0;
        var previousHigh = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var bytes = buffer.AsSpan(0, read);
            if (first)
            {
                if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    return new UTF8Encoding(false, throwOnInvalidBytes: true);
                }

                if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
                {
                    return Encoding.Unicode;
                }

                if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                {
                    return Encoding.BigEndianUnicode;
                }
            }

            if (first && bytes.Length >= 4 && (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("%PDF"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])))
            {
                throw new InvalidDataException(NotText);
            }

            first = false;
            total += bytes.Length;
            nuls += bytes.Count((byte)0);

            if (validUtf8)
            {
                try
                {
                    utf8.GetChars(bytes, chars, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }

            foreach (var b in bytes)
            {
                var isHigh = b >= 0x80;
                if (isHigh)
                {
                    high++;
                    if (previousHigh)
                    {
                        inRuns++;
                    }
                }

                previousHigh = isHigh;
            }
        }

        // A stray NUL in a text file is removed from the values; many of them mean a binary file.
        if (nuls * 20 > total)
        {
            throw new InvalidDataException(NotText);
        }

        if (validUtf8)
        {
            try
            {
                utf8.GetChars([], chars, flush: true);
                return new UTF8Encoding(false, throwOnInvalidBytes: true);
            }
            catch (DecoderFallbackException)
            {
                // A multi-byte character cut off at the end: not UTF-8.
            }
        }

        // A byte that follows another non-ASCII byte: in Greek text most do; in French or German almost none.
        return Encoding.GetEncoding(high > 0 && inRuns * 2 >= high ? "iso-8859-7" : "windows-1252");
    }

    /// Removes what has no place in a name or a number and can hide or reverse text on screen: NUL and the other
    /// control characters (tabs and line breaks stay), and the bidirectional embeddings, overrides and isolates.
    public static string Clean(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !value.AsSpan().ContainsAny(Hidden))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if ((c >= '\u0020' || c is '\t' or '\n' or '\r') && !Hidden.Contains(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Hidden =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u007F");
}
