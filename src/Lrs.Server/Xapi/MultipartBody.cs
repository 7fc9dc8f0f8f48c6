using System.Text;

namespace Lrs.Server.Xapi;

/// <summary>One part of a multipart body: its headers (names case-insensitive) and its bytes.</summary>
/// <remarks>
/// <see cref="StrippedLineBreak"/>: the CRLF before the next boundary was taken as the delimiter's, as RFC 2046 says.
/// A client that omitted that CRLF after bytes that themselves end in CRLF cannot be told apart here; the caller
/// checks the part's hash with and without it.
/// </remarks>
public sealed record MultipartSection(IReadOnlyDictionary<string, string> Headers, byte[] Content, bool StrippedLineBreak);

/// <summary>
/// Splits a multipart/mixed body (RFC 2046) into its parts. It is lenient in one way on purpose: the two most used
/// JavaScript xAPI clients (TinCanJS, @xapi/xapi) put the next "--boundary" straight after an attachment's bytes,
/// without the CRLF RFC 2046 requires, when a statement carries several attachments; the part then simply ends at
/// the boundary.
/// </summary>
public static class MultipartBody
{
    public static List<MultipartSection> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var sections = new List<MultipartSection>();
        var start = FindDelimiter(body, delimiter, 0);
        if (start < 0)
        {
            throw new FormatException("the body holds no boundary line");
        }

        var position = start + delimiter.Length;
        while (true)
        {
            if (position + 1 < body.Length && body[position] == '-' && body[position + 1] == '-')
            {
                return sections; // the close delimiter "--boundary--"
            }

            position = SkipLine(body, position); // transport padding and CRLF after the boundary
            var (headers, contentStart) = ReadHeaders(body, position);
            var next = FindDelimiter(body, delimiter, contentStart);
            if (next < 0)
            {
                throw new FormatException("a part is not closed by a boundary line");
            }

            var withLineBreak = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' && next - 2 >= contentStart;
            var end = withLineBreak ? next - 2 : next;
            sections.Add(new MultipartSection(headers, body[contentStart..end], withLineBreak));
            position = next + delimiter.Length;
        }
    }

    /// <summary>The next "--boundary" that starts a line, or (the lenient case) that follows a part's bytes.</summary>
    private static int FindDelimiter(byte[] body, byte[] delimiter, int from)
    {
        var index = body.AsSpan(from).IndexOf(delimiter);
        return index < 0 ? -1 : from + index;
    }

    private static int SkipLine(byte[] body, int position)
    {
        var newline = body.AsSpan(position).IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw new FormatException("a boundary line is not terminated");
        }

        return position + newline + 1;
    }

    private static (Dictionary<string, string> Headers, int ContentStart) ReadHeaders(byte[] body, int position)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var newline = body.AsSpan(position).IndexOf((byte)'\n');
            if (newline < 0)
            {
                throw new FormatException("a part's headers are not terminated by an empty line");
            }

            var line = Encoding.UTF8.GetString(body, position, newline).TrimEnd('\r');
            position += newline + 1;
            if (line.Length == 0)
            {
                return (headers, position);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"'{line}' is not a header line");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
    }
}
