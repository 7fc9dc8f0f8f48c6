using System.Text;
using Lrs.Xapi.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Feed;

/// <summary>
/// Reads an xAPI StatementResult (<c>{"statements": [...], "more": "..."}</c>) one statement at a time. A page of a
/// thousand statements parsed whole is about 35 MB of Json.NET objects, alive until the last statement of the page was
/// copied out; read this way, each statement's tree dies before the next is read, and the body is never decoded into
/// one string either.
/// </summary>
public static class StatementResultReader
{
    /// <summary>Hands each object of "statements" to <paramref name="statement"/>, in order; returns "more" (null when absent or empty).</summary>
    public static string? Read(Stream body, Action<JObject> statement)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);
        using var reader = XapiJson.Reader(text); // as the LRS reads statements: timestamps stay strings, numbers doubles
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException("the statement result is not a JSON object");
        }

        string? more = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            switch (name)
            {
                case "statements" when reader.TokenType == JsonToken.StartArray:
                    while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                    {
                        if (reader.TokenType == JsonToken.StartObject)
                        {
                            statement(XapiJson.LoadObject(reader));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                case "more" when reader.TokenType == JsonToken.String:
                    more = (string?)reader.Value;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonToken.EndObject)
        {
            throw new JsonReaderException("the statement result ends before its object is closed");
        }

        return string.IsNullOrEmpty(more) ? null : more;
    }
}
