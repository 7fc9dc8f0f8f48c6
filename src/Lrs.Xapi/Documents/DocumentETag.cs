using System.Security.Cryptography;

namespace Lrs.Xapi.Documents;

public static class DocumentETag
{
    /// <summary>The ETag of a document: the SHA-1 of its bytes in lowercase hex, unquoted.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA1.HashData(content));

    /// <summary>The header form of an ETag (quoted, as RFC 9110 requires).</summary>
    public static string Quote(string etag) => "\"" + etag + "\"";
}
