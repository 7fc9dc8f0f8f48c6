using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>
/// State, activity profile and agent profile documents as MongoDB documents: the scope and id as key fields, the
/// content as binary, and a revision number that every write increments (what a compare-and-set compares: the ETag
/// alone would let an identical rewrite slip between a read and a write).
/// </summary>
internal static class DocumentMapping
{
    public static BsonDocument Key(string store, DocumentScope scope, string documentId) => new()
    {
        { "store", store },
        { "kind", (int)scope.Kind },
        { "activity", scope.ActivityId },
        { "agent", scope.AgentKey },
        { "registration", scope.Registration },
        { "docId", documentId },
    };

    public static BsonDocument ScopeFilter(string store, DocumentScope scope)
    {
        var key = Key(store, scope, "");
        key.Remove("docId");
        return key;
    }

    public static BsonDocument ToBson(string store, DocumentScope scope, StoredDocument document, long revision)
    {
        var doc = Key(store, scope, document.Id);
        doc.Add("content", new BsonBinaryData(document.Content));
        doc.Add("contentType", document.ContentType);
        doc.Add("etag", document.ETag);
        doc.Add("updated", Bson.Date(document.Updated));
        doc.Add("rev", revision);
        return doc;
    }

    public static StoredDocument ToStored(BsonDocument doc) => new(
        doc["docId"].AsString,
        doc["content"].AsBsonBinaryData.Bytes,
        doc["contentType"].AsString,
        doc["etag"].AsString,
        Bson.ToInstant(doc["updated"]));

    public static long Revision(BsonDocument doc) => doc["rev"].ToInt64();
}
