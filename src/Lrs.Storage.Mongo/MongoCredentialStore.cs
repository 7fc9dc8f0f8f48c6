using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>HTTP Basic credentials, one document each under its key (the secret only as its salted hash).</summary>
public sealed class MongoCredentialStore(MongoLrsDatabase db) : ICredentialStore
{
    public async Task<Credential?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var doc = await db.Credentials.Find(new BsonDocument("_id", key)).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : CredentialMapping.ToCredential(doc);
    }

    public async Task<IReadOnlyList<Credential>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.Credentials.Find(new BsonDocument()).Sort(new BsonDocument { { "created", 1 }, { "_id", 1 } }).ToListAsync(cancellationToken);
        return docs.Select(CredentialMapping.ToCredential).ToList();
    }

    public async Task SaveAsync(Credential credential, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.Credentials.ReplaceOneAsync(new BsonDocument("_id", credential.Key), CredentialMapping.ToBson(credential),
            new ReplaceOptions { IsUpsert = true }, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string key, DateTimeOffset when, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var result = await db.Credentials.UpdateOneAsync(new BsonDocument("_id", key),
            new BsonDocument("$set", new BsonDocument("revoked", Bson.Date(when))), cancellationToken: cancellationToken);
        return result.MatchedCount > 0;
    }
}
