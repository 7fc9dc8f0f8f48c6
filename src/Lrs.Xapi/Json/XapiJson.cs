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

    public static JToken Parse(ReadOnlySpan<byte> utf8) => Parse(new StringReader(Encoding.UTF8.GetString(utf8)));

    public static JToken Parse(TextReader text)
    {
        using var reader = new StrictJsonTextReader(text)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 64,
        };
        try
        {
            var token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new ValidationException(reader.Path, "the request body holds more than one JSON value");
            }

            return token;
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
    /// Json.NET reads the JavaScript literals undefined, NaN and Infinity (and numbers too large for a double) that JSON
    /// does not have; stored, they came back as invalid JSON (undefined) or as strings ("NaN"). They are refused here.
    /// </summary>
    private sealed class StrictJsonTextReader(TextReader text) : JsonTextReader(text)
    {
        public override bool Read()
        {
            var read = base.Read();
            if (TokenType == JsonToken.Undefined || (TokenType == JsonToken.Float && Value is double d && !double.IsFinite(d)))
            {
                throw new ValidationException(Path, "not a JSON value (undefined, NaN, Infinity or a number beyond the range of a double)");
            }

            return read;
        }
    }

    /// <summary>Compact JSON with strings exactly as received.</summary>
    public static string Serialize(JToken token) => token.ToString(Formatting.None);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
