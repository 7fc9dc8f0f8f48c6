using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Xapi.Documents;

/// <summary>If-Match / If-None-Match evaluated against a document's current ETag (RFC 9110 section 13).</summary>
public static class Preconditions
{
    public static void Check(StoredDocument? current, string? ifMatch, string? ifNoneMatch)
    {
        if (ifMatch is not null)
        {
            var ok = current is not null && (ifMatch.Trim() == "*" || Tags(ifMatch).Contains(current.ETag));
            if (!ok)
            {
                throw new PreconditionFailedException(current is null
                    ? "If-Match: the document does not exist"
                    : "If-Match: the document's ETag is " + DocumentETag.Quote(current.ETag) + ", not one of " + ifMatch);
            }
        }

        if (ifNoneMatch is not null && current is not null && (ifNoneMatch.Trim() == "*" || Tags(ifNoneMatch).Contains(current.ETag)))
        {
            throw new PreconditionFailedException("If-None-Match: the document exists with ETag " + DocumentETag.Quote(current.ETag));
        }
    }

    /// <summary>The entity tags of a header, unquoted, weak markers dropped; unquoted tags are accepted as sent.</summary>
    private static HashSet<string> Tags(string header)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
            tags.Add(tag.Trim('"'));
        }

        return tags;
    }
}
