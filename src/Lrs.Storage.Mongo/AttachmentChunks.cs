using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>
/// Attachments as one header document and numbered chunks, like GridFS but written with the statements in their
/// transaction (the driver's GridFS API takes no session). Chunks keep every document far below MongoDB's 16 MB limit.
/// </summary>
internal static class AttachmentChunks
{
    public const int ChunkBytes = 1024 * 1024;

    public static BsonDocument Header(string store, AttachmentContent attachment) => new()
    {
        { "store", store },
        { "sha2", attachment.Sha2 },
        { "contentType", attachment.ContentType },
        { "length", attachment.Content.LongLength },
        { "chunks", ChunkCount(attachment.Content.Length) },
    };

    public static IEnumerable<BsonDocument> Chunks(string store, AttachmentContent attachment)
    {
        for (var n = 0; n < ChunkCount(attachment.Content.Length); n++)
        {
            var start = n * ChunkBytes;
            var length = Math.Min(ChunkBytes, attachment.Content.Length - start);
            yield return new BsonDocument
            {
                { "store", store },
                { "sha2", attachment.Sha2 },
                { "n", n },
                { "data", new BsonBinaryData(attachment.Content.AsSpan(start, length).ToArray()) },
            };
        }
    }

    /// <summary>The attachment back from its header and its chunks (in any order); null when chunks are missing.</summary>
    public static AttachmentContent? Assemble(BsonDocument header, IEnumerable<BsonDocument> chunks)
    {
        var content = new byte[header["length"].ToInt64()];
        var seen = 0;
        foreach (var chunk in chunks)
        {
            var data = chunk["data"].AsBsonBinaryData.Bytes;
            data.CopyTo(content, (long)chunk["n"].ToInt32() * ChunkBytes);
            seen++;
        }

        return seen == header["chunks"].ToInt32()
            ? new AttachmentContent(header["sha2"].AsString, header["contentType"].AsString, content)
            : null;
    }

    private static int ChunkCount(int length) => Math.Max(1, (length + ChunkBytes - 1) / ChunkBytes);
}
