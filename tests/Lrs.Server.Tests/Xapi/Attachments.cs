using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>One attachment part of a multipart/mixed request, and the ways a test can get it wrong on purpose.</summary>
public sealed record AttachmentPart(byte[] Content, string ContentType = "text/plain")
{
    /// <summary>The X-Experience-API-Hash header sent; the content's SHA-256 unless a test says otherwise.</summary>
    public string Hash { get; init; } = Attachments.Sha256(Content);

    public bool WithTransferEncoding { get; init; } = true;
}

/// <summary>Builds multipart/mixed statement requests (Communication 1.5.2) and reads multipart responses.</summary>
public static class Attachments
{
    public const string UsageType = "http://example.com/attachment-usage/test";

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The attachment object a statement carries for this part.</summary>
    public static JObject Describe(AttachmentPart part, string usageType = UsageType) => new()
    {
        ["usageType"] = usageType,
        ["display"] = new JObject { ["en-US"] = "an attachment" },
        ["contentType"] = part.ContentType,
        ["length"] = part.Content.Length,
        ["sha2"] = Sha256(part.Content),
    };

    public static MultipartContent Request(JToken statements, params AttachmentPart[] parts)
    {
        var multipart = new MultipartContent("mixed", "test-boundary-" + Guid.NewGuid().ToString("N"));
        multipart.Add(new StringContent(statements.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json"));
        foreach (var part in parts)
        {
            var content = new ByteArrayContent(part.Content);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(part.ContentType);
            content.Headers.TryAddWithoutValidation("X-Experience-API-Hash", part.Hash);
            if (part.WithTransferEncoding)
            {
                content.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", "binary");
            }

            multipart.Add(content);
        }

        return multipart;
    }

    /// <summary>A multipart/mixed response: its JSON part, and the attachment contents by X-Experience-API-Hash.</summary>
    public static async Task<(JToken Json, Dictionary<string, byte[]> Parts)> ReadAsync(HttpResponseMessage response)
    {
        var contentType = response.Content.Headers.ContentType;
        Assert.Equal("multipart/mixed", contentType?.MediaType);
        var boundary = HeaderUtilities.RemoveQuotes(contentType!.Parameters.Single(p => p.Name == "boundary").Value).Value!;
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var first = await reader.ReadNextSectionAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(first);
        Assert.StartsWith("application/json", first.ContentType, StringComparison.Ordinal);
        var json = XapiHttp.Parse(await new StreamReader(first.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(TestContext.Current.CancellationToken) is { } section)
        {
            Assert.Equal("binary", section.Headers!["Content-Transfer-Encoding"].ToString());
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, TestContext.Current.CancellationToken);
            parts[section.Headers["X-Experience-API-Hash"].ToString()] = buffer.ToArray();
        }

        return (json, parts);
    }
}
