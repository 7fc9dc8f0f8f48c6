using MongoDB.Bson;
using MongoDB.Driver;
using F = Lrs.Storage.Mongo.StatementDocument.Fields;

namespace Lrs.Storage.Mongo;

/// <summary>The planner's reads, inside the write transaction (its snapshot, after the feed counter was taken).</summary>
internal sealed class TransactionLookup(MongoLrsDatabase db, IClientSessionHandle session) : IStatementLookup
{
    private static readonly BsonDocument HeldProjection = new() { { "_id", 0 }, { F.Json, 1 }, { F.Voiding, 1 } };

    public async Task<HeldStatement?> FindAsync(string store, Guid id, CancellationToken cancellationToken)
    {
        var doc = await db.Statements.Find(session, new BsonDocument { { F.Store, store }, { F.Id, Bson.Uuid(id) } })
            .Project(HeldProjection).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : new HeldStatement(doc[F.Json].AsString, doc[F.Voiding].ToBoolean());
    }

    public async Task<bool> IsVoidTargetAsync(string store, Guid id, CancellationToken cancellationToken) =>
        await db.Voids.Find(session, new BsonDocument { { "store", store }, { "target", Bson.Uuid(id) } }).Limit(1)
            .CountDocumentsAsync(cancellationToken) > 0;

    public async Task<string?> FindDefinitionAsync(string store, string activityId, CancellationToken cancellationToken)
    {
        var doc = await db.Activities.Find(session, new BsonDocument { { "store", store }, { "iri", activityId } }).FirstOrDefaultAsync(cancellationToken);
        return doc?["definition"].AsString;
    }

    public async Task<bool> HasAttachmentAsync(string store, string sha2, CancellationToken cancellationToken) =>
        await db.Attachments.Find(session, new BsonDocument { { "store", store }, { "sha2", sha2 } }).Limit(1)
            .CountDocumentsAsync(cancellationToken) > 0;
}
