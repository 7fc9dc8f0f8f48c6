using Lrs.Xapi.Json;
using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Driver;
using Newtonsoft.Json.Linq;
using F = Lrs.Storage.Mongo.StatementDocument.Fields;

namespace Lrs.Storage.Mongo;

/// <summary>Statement reads: by id, queries, the feed, attachments and activity definitions.</summary>
public sealed partial class MongoStatementStore
{
    public async Task<StoredStatement?> GetAsync(string storeId, Guid id, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var doc = await _db.Statements.Find(new BsonDocument { { F.Store, storeId }, { F.Id, Bson.Uuid(id) } })
            .Project(StatementDocument.ReadProjection).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : StatementDocument.ToStored(doc);
    }

    public async Task<StatementPage> QueryAsync(string storeId, StatementFilter filter, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var low = filter.After ?? 0;
        long? high = filter.Before is { } before ? before - 1 : null;
        if (filter.Since is { } since)
        {
            low = Math.Max(low, await LastPositionStoredAtOrBeforeAsync(storeId, since, cancellationToken) ?? 0);
        }

        if (filter.Until is { } until)
        {
            var last = await LastPositionStoredAtOrBeforeAsync(storeId, until, cancellationToken);
            if (last is null)
            {
                return new StatementPage([], false);
            }

            high = high is { } h ? Math.Min(h, last.Value) : last.Value;
        }

        var statements = await RunAsync(StatementQuery.Build(storeId, filter, low, high), cancellationToken);
        var hasMore = statements.Count > filter.Limit;
        if (hasMore)
        {
            statements.RemoveAt(statements.Count - 1);
        }

        return new StatementPage(statements, hasMore);
    }

    public async Task<IReadOnlyList<StoredStatement>> ReadFeedAsync(string storeId, long afterPosition, int max, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        return await RunAsync(StatementQuery.Feed(storeId, afterPosition, max), cancellationToken);
    }

    public async Task<IReadOnlyList<AttachmentContent>> GetAttachmentsAsync(string storeId, IReadOnlyCollection<string> sha2s, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var found = new List<AttachmentContent>();
        foreach (var sha2 in sha2s.Distinct(StringComparer.Ordinal))
        {
            var key = new BsonDocument { { "store", storeId }, { "sha2", sha2 } };
            var header = await _db.Attachments.Find(key).FirstOrDefaultAsync(cancellationToken);
            if (header is null)
            {
                continue;
            }

            var chunks = await _db.AttachmentChunks.Find(key).Sort(new BsonDocument("n", 1)).ToListAsync(cancellationToken);
            if (AttachmentChunks.Assemble(header, chunks) is { } attachment)
            {
                found.Add(attachment);
            }
        }

        return found;
    }

    public async Task<JObject?> GetActivityDefinitionAsync(string storeId, string activityId, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var doc = await _db.Activities.Find(new BsonDocument { { "store", storeId }, { "iri", activityId } }).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : (JObject)XapiJson.Parse(doc["definition"].AsString);
    }

    private async Task<List<StoredStatement>> RunAsync(StatementQuery query, CancellationToken cancellationToken)
    {
        var options = new FindOptions<BsonDocument, BsonDocument>
        {
            Hint = query.Hint,
            Sort = query.Sort,
            Limit = query.Limit,
            Projection = StatementDocument.ReadProjection,
        };
        using var cursor = await _db.Statements.FindAsync(query.Filter, options, cancellationToken);
        var result = new List<StoredStatement>(Math.Min(query.Limit, 512));
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            result.AddRange(cursor.Current.Select(StatementDocument.ToStored));
        }

        return result;
    }

    /// <summary>The feed position of the last statement stored at or before an instant (null if none).</summary>
    private async Task<long?> LastPositionStoredAtOrBeforeAsync(string storeId, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var query = StatementQuery.LastStoredAtOrBefore(storeId, instant);
        var options = new FindOptions<BsonDocument, BsonDocument>
        {
            Hint = query.Hint,
            Sort = query.Sort,
            Limit = query.Limit,
            Projection = new BsonDocument { { "_id", 0 }, { F.Position, 1 } },
        };
        using var cursor = await _db.Statements.FindAsync(query.Filter, options, cancellationToken);
        var doc = await cursor.FirstOrDefaultAsync(cancellationToken);
        return doc?[F.Position].ToInt64();
    }
}
