namespace Lrs.Storage.Sqlite;

/// <summary>UUIDs as 16-byte big-endian blobs: compact, and time-ordered (v7) ids sort by time in the id index.</summary>
internal static class Ids
{
    public static byte[] ToBlob(Guid id) => id.ToByteArray(bigEndian: true);

    public static Guid FromBlob(byte[] blob) => new(blob, bigEndian: true);
}
