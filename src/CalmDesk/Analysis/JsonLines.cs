using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CalmDesk.Analysis;

/// <summary>`calmdesk analyze --jsonl`: reads lines of {"id", "text"} and writes one line of verdicts per input,
/// in order. Works on UTF-8 bytes end to end (a reader and a writer, no document objects) so that the JSON is a
/// small part of the cost of a line. A line that is not valid JSON gets an error line and the run goes on.</summary>
internal sealed class JsonLines : IDisposable
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id"), Line = JsonEncodedText.Encode("line"), Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language"), Anger = JsonEncodedText.Encode("anger"), Abuse = JsonEncodedText.Encode("abuse");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score"), Level = JsonEncodedText.Encode("level"), Kinds = JsonEncodedText.Encode("kinds");
    private static readonly JsonEncodedText Targeted = JsonEncodedText.Encode("targeted"), Threats = JsonEncodedText.Encode("threats"), Situations = JsonEncodedText.Encode("situations");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind"), EvidenceName = JsonEncodedText.Encode("evidence"), Offset = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length"), Label = JsonEncodedText.Encode("label"), Rule = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    private static readonly JsonEncodedText[] Levels = [.. Enum.GetValues<AngerLevel>().Select(l => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(l.ToString())))];

    private readonly MessageAnalyzer _analyzer;
    private readonly AnalysisOptions _options;
    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);

    public JsonLines(MessageAnalyzer analyzer, AnalysisOptions options, Stream output)
    {
        _analyzer = analyzer;
        _options = options;
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            // Output goes to files and terminals, never into HTML: keep accents, Greek and quotes readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Lines whose JSON could not be read.</summary>
    public int Errors { get; private set; }

    /// <summary>Reads every line of input (lines end with \n, \r\n or \r, like <see cref="TextReader.ReadLine"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(Stream input, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var start = 0;
            var end = 0;
            var number = 0;
            var first = true;
            var skipLineFeed = false; // the previous line ended with \r: a \n right after belongs to it
            var atEnd = false;
            while (true)
            {
                var lineEnd = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
                if (lineEnd < 0 && !atEnd)
                {
                    // Keep the partial line, make room, read more.
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        (end, start) = (end - start, 0);
                    }

                    if (end == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = input.Read(buffer, end, buffer.Length - end);
                    atEnd = read == 0;
                    end += read;
                    continue;
                }

                if (skipLineFeed && start < end && buffer[start] == '\n')
                {
                    start++;
                    skipLineFeed = false;
                    continue;
                }

                skipLineFeed = false;
                if (lineEnd < 0 && start == end)
                {
                    break;
                }

                var length = lineEnd < 0 ? end - start : lineEnd;
                var line = buffer.AsSpan(start, length);
                if (first && line.StartsWith("\uFEFF"u8))
                {
                    line = line[3..];
                }

                first = false;
                number++;
                if (lineEnd >= 0)
                {
                    skipLineFeed = buffer[start + lineEnd] == '\r';
                    start += lineEnd + 1;
                }
                else
                {
                    start = end;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Answer(line, number);
            }

            Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Answer(ReadOnlySpan<byte> line, int number)
    {
        if (line.Trim(" \t\f\v"u8).IsEmpty)
        {
            return;
        }

        // Invalid UTF-8 becomes U+FFFD rather than an error: a bad byte spoils one character, not the line.
        byte[]? repaired = null;
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            repaired = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));
            line = repaired;
        }

        var id = default(Range);
        var hasId = false;
        string? text = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected an object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isText = !isId && reader.ValueTextEquals("text"u8);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isId)
                {
                    (id, hasId) = (valueStart..(int)reader.BytesConsumed, true);
                }
                else if (isText)
                {
                    text = reader.TokenType == JsonTokenType.String ? reader.GetString()
                        : reader.TokenType == JsonTokenType.Null ? null
                        : throw new JsonException("\"text\" must be a string");
                }
            }

            if (reader.Read())
            {
                throw new JsonException("unexpected text after the object");
            }

            if (text is null)
            {
                throw new JsonException("\"text\" is missing");
            }
        }
        catch (JsonException exception)
        {
            Errors++;
            _writer.WriteStartObject();
            WriteId(line, id, hasId);
            _writer.WriteNumber(Line, number);
            _writer.WriteString(Error, $"line {number}: {exception.Message}");
            _writer.WriteEndObject();
            EndLine();
            return;
        }

        var result = _analyzer.Analyze(text, _options);
        _writer.WriteStartObject();
        WriteId(line, id, hasId);
        _writer.WriteString(Language, result.Language.Code);
        _writer.WriteStartObject(Anger);
        _writer.WriteNumber(Score, result.Anger.Score);
        _writer.WriteString(Level, Levels[(int)result.Anger.Level]);
        _writer.WriteEndObject();
        _writer.WriteStartObject(Abuse);
        _writer.WriteNumber(Score, result.Abuse.Score);
        _writer.WriteStartArray(Kinds);
        foreach (var kind in result.Abuse.Kinds)
        {
            _writer.WriteStringValue(kind);
        }

        _writer.WriteEndArray();
        _writer.WriteBoolean(Targeted, result.Abuse.Targeted);
        _writer.WriteEndObject();
        WriteFindings(Threats, result.Threats);
        WriteFindings(Situations, result.Situations);
        _writer.WriteStartArray(EvidenceName);
        foreach (var evidence in result.Evidence)
        {
            _writer.WriteStartObject();
            _writer.WriteNumber(Offset, evidence.Offset);
            _writer.WriteNumber(Length, evidence.Length);
            _writer.WriteString(Label, evidence.Label);
            _writer.WriteString(Rule, evidence.Rule);
            _writer.WriteNumber(Weight, evidence.Weight);
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        EndLine();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteId(ReadOnlySpan<byte> line, Range id, bool hasId)
    {
        _writer.WritePropertyName(Id);
        if (hasId)
        {
            // The id goes back exactly as it came: any JSON value.
            _writer.WriteRawValue(line[id], skipInputValidation: true);
        }
        else
        {
            _writer.WriteNullValue();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteFindings(JsonEncodedText name, IReadOnlyList<Finding> findings)
    {
        _writer.WriteStartArray(name);
        foreach (var finding in findings)
        {
            _writer.WriteStartObject();
            _writer.WriteString(Kind, finding.Kind);
            _writer.WriteNumber(Score, finding.Score);
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndLine()
    {
        _writer.Flush();
        _writer.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount > 1 << 15)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _output.Write(_buffer.WrittenSpan);
        _output.Flush();
        _buffer.ResetWrittenCount();
    }
}
