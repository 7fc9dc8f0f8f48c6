using System.Buffers;
using System.Globalization;
using System.Text;
using Lrs.Xapi.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Json;

/// <summary>
/// The one way xAPI JSON enters and leaves the LRS. Dates stay strings (Json.NET would otherwise reparse and reformat
/// timestamps), duplicate properties are an error (the spec forbids them), and every failure names where it happened.
/// </summary>
public static class XapiJson
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    public static JToken Parse(string json) => Parse(new StringReader(json));

    /// <summary>Parses UTF-8 bytes; a leading byte order mark is ignored, as RFC 8259 section 8.1 allows.</summary>
    public static JToken Parse(ReadOnlySpan<byte> utf8) => Parse(new StringReader(Text(utf8)));

    /// <summary>UTF-8 bytes as a string, without a leading byte order mark.</summary>
    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8[BomLength(utf8)..]);

    /// <summary>3 when the bytes start with the UTF-8 byte order mark, else 0.</summary>
    private static int BomLength(ReadOnlySpan<byte> utf8) => utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;

    /// <summary>
    /// Parses a UTF-8 request body, decoding as it reads: a batch of a thousand statements is a megabyte or more, and
    /// decoding it whole first made a UTF-16 copy of twice that size on the large object heap. A leading byte order
    /// mark is ignored.
    /// </summary>
    public static JToken Parse(byte[] utf8) => Parse(Decode(utf8));

    /// <summary>
    /// Parses a UTF-8 request body like <see cref="Parse(byte[])"/>, except that when it is an array each element is
    /// handed to <paramref name="element"/> (with its index) as soon as it is read, and its tree can die before the next
    /// is read: a batch of a thousand statements held whole is about 35 MB of Json.NET objects. Returns the value when
    /// the body is not an array, else null and the number of elements.
    /// </summary>
    public static (JToken? Value, int Elements) ParseElements(ArraySegment<byte> utf8, Action<JToken, int> element)
    {
        using var reader = Reader(Decode(utf8));
        return Guarded(() =>
        {
            if (!ReadValue(reader))
            {
                throw new ValidationException("", "malformed JSON (the body holds no JSON value)");
            }

            if (reader.TokenType != JsonToken.StartArray)
            {
                var value = JToken.ReadFrom(reader, LoadSettings);
                ReadToEnd(reader);
                return (value, 0);
            }

            var count = 0;
            while (ReadValue(reader) && reader.TokenType != JsonToken.EndArray)
            {
                element(JToken.ReadFrom(reader, LoadSettings), count++);
            }

            if (reader.TokenType != JsonToken.EndArray)
            {
                throw new ValidationException(reader.Path, "malformed JSON (the array is not closed)");
            }

            ReadToEnd(reader);
            return ((JToken?)null, count);
        });
    }

    /// <summary>The text of a UTF-8 body; small bodies are decoded whole, larger ones as they are read.</summary>
    private static TextReader Decode(ArraySegment<byte> utf8)
    {
        if (utf8.Count <= StreamAbove)
        {
            return new StringReader(Text(utf8)); // a small string beats the reader's buffers
        }

        var start = BomLength(utf8);
        var stream = new MemoryStream(utf8.Array!, utf8.Offset + start, utf8.Count - start, writable: false);
        return new StreamReader(stream, Utf8Lenient, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
    }

    /// <summary>Bodies up to this size are decoded whole (below the large object heap's 85,000 bytes as UTF-16).</summary>
    private const int StreamAbove = 32 * 1024;

    /// <summary>UTF-8 that replaces invalid bytes, as Encoding.UTF8.GetString does.</summary>
    private static readonly UTF8Encoding Utf8Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static JToken Parse(TextReader text)
    {
        using var reader = Reader(text);
        return Guarded(() =>
        {
            var token = JToken.ReadFrom(reader, LoadSettings);
            ReadToEnd(reader);
            return token;
        });
    }

    /// <summary>
    /// A reader with the LRS's rules (dates stay strings, numbers double, depth limited, what is not JSON refused), for
    /// callers that walk a large document a piece at a time; load its objects with <see cref="LoadObject"/>.
    /// </summary>
    public static JsonTextReader Reader(TextReader text) => new StrictReader(text)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = 64,
        PropertyNameTable = PropertyNames.Shared,
        ArrayPool = CharPool.Shared,
    };

    /// <summary>Loads the object the reader is on, refusing duplicate properties as every parse here does.</summary>
    public static JObject LoadObject(JsonReader reader) => JObject.Load(reader, LoadSettings);

    /// <summary>Reads to the next token that is not a comment; false at the end.</summary>
    private static bool ReadValue(JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Comments may follow the value. Reads to the end, not one token: stopping at a trailing comment let a second value
    /// after it through unread.
    /// </summary>
    private static void ReadToEnd(JsonReader reader)
    {
        if (ReadValue(reader))
        {
            throw new ValidationException(reader.Path, "the request body holds more than one JSON value");
        }
    }

    /// <summary>Json.NET's reader errors as 400s naming where the JSON went wrong.</summary>
    private static T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (JsonReaderException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
        {
            throw new ValidationException(e.Path ?? "", "duplicate property: a JSON object must not name a property twice");
        }
        catch (JsonReaderException e)
        {
            throw new ValidationException(e.Path ?? "", $"malformed JSON ({FirstSentence(e.Message)})");
        }
        catch (JsonException e)
        {
            throw new ValidationException("", $"malformed JSON ({FirstSentence(e.Message)})");
        }
    }

    /// <summary>
    /// Compact JSON with strings exactly as received (what <c>token.ToString(Formatting.None)</c> writes). The text is
    /// built in a per-thread builder kept between calls: grown from empty for every statement, its chunks and the
    /// writer's buffers were about a tenth of what ingest allocated.
    /// </summary>
    public static string Serialize(JToken token)
    {
        var builder = Write(token);
        var json = builder.ToString();
        Keep(builder);
        return json;
    }

    /// <summary><see cref="Serialize"/> encoded as UTF-8, without making the string first.</summary>
    public static byte[] SerializeUtf8(JToken token)
    {
        var builder = Write(token);
        var chars = ArrayPool<char>.Shared.Rent(builder.Length);
        try
        {
            var text = chars.AsSpan(0, builder.Length);
            builder.CopyTo(0, text, builder.Length);
            var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
            Encoding.UTF8.GetBytes(text, bytes);
            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            Keep(builder);
        }
    }

    private static StringBuilder Write(JToken token)
    {
        var builder = _builder ?? new StringBuilder(4096);
        _builder = null; // a nested call (none today) gets a builder of its own
        using var text = new StringWriter(builder, CultureInfo.InvariantCulture);
        using var writer = new JsonTextWriter(text) { Formatting = Formatting.None, ArrayPool = CharPool.Shared };
        token.WriteTo(writer);
        return builder;
    }

    private static void Keep(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKeptBuilder)
        {
            builder.Clear();
            _builder = builder;
        }
    }

    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>A builder grown past this (a statement with a large extension) is dropped rather than kept per thread.</summary>
    private const int MaxKeptBuilder = 64 * 1024;

    /// <summary>
    /// Parses a JSON object keeping only the parts <paramref name="shape"/> names: the rest is read past, never built.
    /// For readers of stored statements that need a few parts of each: Json.NET trees were about half of what the
    /// analytics follower allocated (issue 6). What is kept is checked as every parse here checks (duplicate
    /// properties, malformed JSON); what is read past only for being JSON.
    /// </summary>
    public static JObject ParseShaped(string json, JsonShape shape) =>
        ReadObject(json, (ref System.Text.Json.Utf8JsonReader reader) => (JObject)ShapedReader.ReadValue(ref reader, shape));

    /// <summary>What a reader of <see cref="ReadObject{T}"/> does with System.Text.Json's reader (a ref struct, which no Func takes).</summary>
    public delegate T Utf8Read<out T>(ref System.Text.Json.Utf8JsonReader reader);

    private static readonly System.Text.Json.JsonReaderOptions Utf8Options = new()
    {
        CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>
    /// Reads a JSON object held as a string with System.Text.Json's reader, under the same rules as the parses here
    /// (comments read past, depth limited): the text is encoded into a pooled buffer, must be one object, and
    /// <paramref name="read"/> is handed the reader on the object's start and reads to its end. The reader's errors,
    /// and text that is not UTF-8 inside a string read, become 400s as Json.NET's do.
    /// </summary>
    public static T ReadObject<T>(string json, Utf8Read<T> read)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, bytes)), Utf8Options);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                throw new ValidationException("", "a statement must be a JSON object");
            }

            var result = read(ref reader);

            // The reader refuses a second value itself; this is its end-of-input check.
            if (reader.Read())
            {
                throw new ValidationException("", "the request body holds more than one JSON value");
            }

            return result;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            // InvalidOperationException: text that is not UTF-8 inside a string the reader was asked for.
            throw new ValidationException("", $"malformed JSON ({FirstSentence(e.Message)})");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// For readers walking a stored statement with System.Text.Json's reader: the value the reader is on, kept as
    /// <paramref name="shape"/> says (as <see cref="ParseShaped"/> keeps it); the reader is left on the value's last token.
    /// </summary>
    public static JToken ReadShaped(ref System.Text.Json.Utf8JsonReader reader, JsonShape shape) => ShapedReader.ReadValue(ref reader, shape);

    /// <summary>
    /// Json.NET also reads what is not JSON: undefined (stored, it came back as invalid JSON), NaN and Infinity, numbers
    /// beyond a double (read as infinity, then written back as the string "Infinity", changing the statement),
    /// single-quoted strings and unquoted property names.
    /// </summary>
    private sealed class StrictReader(TextReader text) : JsonTextReader(text)
    {
        public override bool Read()
        {
            if (!base.Read())
            {
                return false;
            }

            if (TokenType == JsonToken.Undefined)
            {
                throw new ValidationException(Path, "not a JSON value: undefined");
            }

            if (TokenType == JsonToken.Float && Value is double d && !double.IsFinite(d))
            {
                throw new ValidationException(Path, "not a JSON value: a number must be finite and within the range of a double");
            }

            if (TokenType is JsonToken.String or JsonToken.PropertyName && QuoteChar != '"')
            {
                throw new ValidationException(Path, "malformed JSON (strings and property names must be in double quotes)");
            }

            return true;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
