using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>A credential as a MongoDB document keyed by the credential's key; instants at millisecond precision.</summary>
internal static class CredentialMapping
{
    public static BsonDocument ToBson(Credential c)
    {
        var doc = new BsonDocument
        {
            { "_id", c.Key },
            { "secretHash", c.SecretHash },
            { "scopes", Bson.Strings(c.Scopes) },
            { "name", c.Name },
            { "store", c.StoreId },
            { "created", Bson.Date(c.Created) },
        };
        if (c.Revoked is { } revoked)
        {
            doc.Add("revoked", Bson.Date(revoked));
        }

        return doc;
    }

    public static Credential ToCredential(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["secretHash"].AsString,
        doc["scopes"].AsBsonArray.Select(s => s.AsString).ToList(),
        doc["name"].AsString,
        doc["store"].AsString,
        Bson.ToInstant(doc["created"]),
        doc.TryGetValue("revoked", out var revoked) && !revoked.IsBsonNull ? Bson.ToInstant(revoked) : null);
}
