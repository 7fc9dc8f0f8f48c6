using System.Globalization;
using System.Text;
using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>
/// Writes statements back to a reader: in the requested format, in a form valid for the reader's version, as JSON or
/// (attachments=true) as multipart/mixed with the attachment contents. Stored JSON is passed through untouched
/// whenever no rewrite is needed, which is the common case.
/// </summary>
public static class StatementResponses
{
    public static string Shape(StoredStatement statement, StatementFormat format, XapiVersion version, IReadOnlyList<string> languages)
    {
        var downgrade = version == XapiVersion.V103 && StatementFormatter.MayNeed103Form(statement.Json);
        if (format == StatementFormat.Exact && !downgrade)
        {
            return statement.Json;
        }

        var o = (JObject)XapiJson.Parse(statement.Json);
        if (downgrade && StatementFormatter.Is2x(o))
        {
            StatementFormatter.To103(o);
        }

        if (format == StatementFormat.Ids)
        {
            StatementFormatter.ToIds(o);
        }
        else if (format == StatementFormat.Canonical)
        {
            StatementFormatter.ToCanonical(o, languages);
        }

        return XapiJson.Serialize(o);
    }

    /// <summary>Accept-Language as an ordered list of tags, best first.</summary>
    public static IReadOnlyList<string> Languages(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            return [];
        }

        return values
            .Where(v => v.Value.Value is { } tag && tag != "*" && (v.Quality ?? 1) > 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value!)
            .ToList();
    }

    /// <summary>The hashes of the attachments carried in the statements (top level and SubStatement).</summary>
    public static HashSet<string> AttachmentHashes(IEnumerable<StoredStatement> statements)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in statements)
        {
            if (!s.Json.Contains("\"sha2\"", StringComparison.Ordinal))
            {
                continue;
            }

            var o = (JObject)XapiJson.Parse(s.Json);
            foreach (var list in new[] { o["attachments"], o["object"]?["attachments"] })
            {
                if (list is JArray attachments)
                {
                    foreach (var a in attachments)
                    {
                        if ((string?)a["sha2"] is { } sha2)
                        {
                            hashes.Add(sha2.ToLowerInvariant());
                        }
                    }
                }
            }
        }

        return hashes;
    }

    public static async Task WriteJsonAsync(HttpResponse response, string json, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>multipart/mixed: the JSON first, then one part per attachment (Communication 1.5.2).</summary>
    public static async Task WriteMultipartAsync(HttpResponse response, string json, IReadOnlyList<AttachmentContent> attachments, CancellationToken cancellationToken)
    {
        var boundary = "xapi-" + Guid.NewGuid().ToString("N");
        response.ContentType = $"multipart/mixed; boundary={boundary}";
        using var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Text($"--{boundary}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n");
        Text(json);
        foreach (var a in attachments)
        {
            Text($"\r\n--{boundary}\r\nContent-Type: {a.ContentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {a.Sha2}\r\n\r\n");
            body.Write(a.Content);
        }

        Text($"\r\n--{boundary}--\r\n");
        response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(response.Body, cancellationToken);
    }

    public static void SetLastModified(HttpResponse response, DateTimeOffset when) =>
        response.Headers.LastModified = when.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
}
