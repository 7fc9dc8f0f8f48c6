using System.Buffers;
using System.Security.Cryptography;
using Lrs.Xapi.Errors;
using Microsoft.Net.Http.Headers;

namespace Lrs.Server.Xapi;

/// <summary>One attachment part of a multipart/mixed statement request.</summary>
public sealed record AttachmentPart(string Sha2, string ContentType, byte[] Content);

/// <summary>
/// A statement request body: the statements' JSON and, for multipart/mixed, the attachment parts by hash. An
/// application/json body is read into a buffer from the shared pool, returned on disposal: a batch of a thousand
/// statements is about 700 KB, a new array on the large object heap for every request, whose churn the GC pays for in
/// gen2 collections (issue 6).
/// </summary>
public sealed class StatementBody(ArraySegment<byte> json, IReadOnlyDictionary<string, AttachmentPart> parts, byte[]? pooled = null) : IDisposable
{
    public ArraySegment<byte> Json { get; } = json;

    public IReadOnlyDictionary<string, AttachmentPart> Parts { get; } = parts;

    public void Dispose()
    {
        if (pooled is not null)
        {
            ArrayPool<byte>.Shared.Return(pooled);
            pooled = null;
        }
    }
}

/// <summary>
/// Reads a statement request body. application/json is the statements alone; multipart/mixed (Communication 1.5.2)
/// puts them in the first part (application/json) and each attachment in a later part carrying its SHA-2 in
/// X-Experience-API-Hash.
/// </summary>
public static class StatementMultipart
{
    public static async Task<StatementBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (contentType is null || IsMediaType(contentType, "application/json"))
        {
            var (buffer, length) = await request.ReadPooledBodyAsync(cancellationToken);
            return new StatementBody(new ArraySegment<byte>(buffer, 0, length), new Dictionary<string, AttachmentPart>(), buffer);
        }

        if (!IsMediaType(contentType, "multipart/mixed"))
        {
            throw new BadRequestException($"statements must be sent as application/json or multipart/mixed, not {contentType}", "Content-Type");
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new BadRequestException("a multipart/mixed request needs a boundary parameter in its Content-Type", "Content-Type");
        }

        List<MultipartSection> sections;
        try
        {
            sections = MultipartBody.Parse(await request.ReadBodyAsync(cancellationToken), boundary);
        }
        catch (FormatException e)
        {
            throw new BadRequestException("the multipart/mixed body is malformed: " + e.Message, "Content-Type");
        }

        return ReadParts(sections);
    }

    private static StatementBody ReadParts(List<MultipartSection> sections)
    {
        if (sections.Count == 0)
        {
            throw new BadRequestException("the multipart/mixed body has no parts", "Content-Type");
        }

        if (!sections[0].Headers.TryGetValue("Content-Type", out var firstType) || !IsMediaType(firstType, "application/json"))
        {
            throw new BadRequestException("the first part of a multipart/mixed statement request must be application/json", "Content-Type");
        }

        var parts = new Dictionary<string, AttachmentPart>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections.Skip(1))
        {
            if (!section.Headers.TryGetValue("X-Experience-API-Hash", out var hashHeader) || string.IsNullOrWhiteSpace(hashHeader))
            {
                throw new BadRequestException("every attachment part needs an X-Experience-API-Hash header", "X-Experience-API-Hash");
            }

            if (!section.Headers.TryGetValue("Content-Transfer-Encoding", out var encoding) || !encoding.Equals("binary", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequestException("every attachment part needs Content-Transfer-Encoding: binary", "Content-Transfer-Encoding");
            }

            var sha2 = hashHeader.Trim();
            var content = section.Content;
            if (!HashMatches(sha2, content))
            {
                // The part may really end in CRLF and its client omitted the delimiter's own CRLF (see MultipartBody).
                byte[]? withLineBreak = section.StrippedLineBreak ? [.. content, (byte)'\r', (byte)'\n'] : null;
                content = withLineBreak is not null && HashMatches(sha2, withLineBreak)
                    ? withLineBreak
                    : throw new BadRequestException($"the attachment part's content does not hash to its X-Experience-API-Hash {sha2}", "X-Experience-API-Hash");
            }

            parts[sha2] = new AttachmentPart(sha2, section.Headers.GetValueOrDefault("Content-Type") ?? "application/octet-stream", content);
        }

        return new StatementBody(sections[0].Content, parts);
    }

    /// <summary>The hash is SHA-256, -384 or -512, told apart by its length.</summary>
    private static bool HashMatches(string sha2, byte[] content)
    {
        var actual = sha2.Length switch
        {
            64 => SHA256.HashData(content),
            96 => SHA384.HashData(content),
            128 => SHA512.HashData(content),
            _ => null,
        };
        return actual is not null && Convert.ToHexStringLower(actual).Equals(sha2, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsMediaType(string contentType, string expected) =>
        contentType.Split(';')[0].Trim().Equals(expected, StringComparison.OrdinalIgnoreCase);
}
