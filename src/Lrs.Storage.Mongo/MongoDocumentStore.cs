using Lrs.Xapi.Documents;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>
/// State, activity profile and agent profile documents. A change is a compare-and-set on the document's revision:
/// read, decide, then write only if the revision is still the one read (insert only if still absent), else read again
/// and decide again. One document is one MongoDB document, so no transaction is needed for the contract's atomicity,
/// and the writes are as durable as the statements' (w: "majority", j: true).
/// </summary>
public sealed class MongoDocumentStore(MongoLrsDatabase db, TimeProvider? clock = null) : IDocumentStore
{
    /// <summary>A document must fit one MongoDB document (16 MB) with its key fields.</summary>
    public const int MaxContentBytes = 15 * 1024 * 1024;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // The read before a compare-and-set goes to the primary's latest data: a majority read could return a revision
    // older than one already written there, and the compare-and-set would fail until the majority caught up.
    private readonly IMongoCollection<BsonDocument> _latest = db.Documents.WithReadConcern(ReadConcern.Local);

    public async Task<StoredDocument?> GetAsync(string storeId, DocumentScope scope, string documentId, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var doc = await db.Documents.Find(DocumentMapping.Key(storeId, scope, documentId)).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : DocumentMapping.ToStored(doc);
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(string storeId, DocumentScope scope, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var filter = DocumentMapping.ScopeFilter(storeId, scope);
        if (since is { } s)
        {
            filter.Add("updated", new BsonDocument("$gt", Bson.Date(Bson.FloorMs(s))));
        }

        var docs = await db.Documents.Find(filter).Project(new BsonDocument { { "_id", 0 }, { "docId", 1 } })
            .Sort(new BsonDocument("docId", 1)).ToListAsync(cancellationToken);
        // MongoDB's default (simple) collation compares UTF-8 bytes, as SQLite's BINARY collation does: same order.
        return docs.Select(d => d["docId"].AsString).ToList();
    }

    public async Task<StoredDocument?> ChangeAsync(string storeId, DocumentScope scope, string documentId, Func<StoredDocument?, DocumentChange> decide, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var key = DocumentMapping.Key(storeId, scope, documentId);
        while (true)
        {
            var held = await _latest.Find(key).FirstOrDefaultAsync(cancellationToken);
            var current = held is null ? null : DocumentMapping.ToStored(held);
            switch (decide(current))
            {
                case DocumentChange.ReplaceChange replace:
                    if (replace.Content.Length > MaxContentBytes)
                    {
                        throw new PayloadTooLargeException($"a document may hold at most {MaxContentBytes / (1024 * 1024)} MB on this LRS");
                    }

                    var written = new StoredDocument(documentId, replace.Content, replace.ContentType, DocumentETag.Compute(replace.Content),
                        DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
                    if (held is null ? await TryInsertAsync(storeId, scope, written, cancellationToken) : await TryReplaceAsync(storeId, scope, held, written, cancellationToken))
                    {
                        return written;
                    }

                    break;
                case DocumentChange.DeleteChange:
                    if (held is null)
                    {
                        return null;
                    }

                    var revisionFilter = new BsonDocument(key) { { "rev", DocumentMapping.Revision(held) } };
                    if ((await db.Documents.DeleteOneAsync(revisionFilter, cancellationToken)).DeletedCount > 0)
                    {
                        return null;
                    }

                    break;
                default:
                    return current;
            }
        }
    }

    public async Task DeleteAllAsync(string storeId, DocumentScope scope, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.Documents.DeleteManyAsync(DocumentMapping.ScopeFilter(storeId, scope), cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocument>> GetAgentProfilesAsync(string storeId, string agentKey, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var filter = new BsonDocument { { "store", storeId }, { "agent", agentKey }, { "kind", (int)DocumentKind.AgentProfile } };
        var docs = await db.Documents.Find(filter).Sort(new BsonDocument("docId", 1)).ToListAsync(cancellationToken);
        return docs.Select(DocumentMapping.ToStored).ToList();
    }

    private async Task<bool> TryInsertAsync(string storeId, DocumentScope scope, StoredDocument written, CancellationToken cancellationToken)
    {
        try
        {
            await db.Documents.InsertOneAsync(DocumentMapping.ToBson(storeId, scope, written, 1), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false; // Someone created it since the read: decide again on what they wrote.
        }
    }

    private async Task<bool> TryReplaceAsync(string storeId, DocumentScope scope, BsonDocument held, StoredDocument written, CancellationToken cancellationToken)
    {
        var revision = DocumentMapping.Revision(held);
        var filter = new BsonDocument { { "_id", held["_id"] }, { "rev", revision } };
        var result = await db.Documents.ReplaceOneAsync(filter, DocumentMapping.ToBson(storeId, scope, written, revision + 1), cancellationToken: cancellationToken);
        return result.MatchedCount > 0;
    }
}
