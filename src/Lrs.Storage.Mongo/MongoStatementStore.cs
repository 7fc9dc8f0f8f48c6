using System.Threading.Channels;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Driver;
using F = Lrs.Storage.Mongo.StatementDocument.Fields;

namespace Lrs.Storage.Mongo;

/// <summary>
/// Statements in MongoDB. Writes go through one loop per instance that commits whatever batches are waiting in one
/// transaction (group commit); the transaction takes the feed counter first (see <see cref="FeedCounter"/>), plans
/// every batch (see <see cref="WritePlanner"/>), writes the plan and commits with w: "majority", j: true. A batch is
/// acknowledged only after that commit. Reads go to the primary with read concern "majority".
/// </summary>
public sealed partial class MongoStatementStore : IStatementStore, IDisposable
{
    /// <summary>How many statements one transaction gathers at most; bounds a commit's latency and size.</summary>
    private const int MaxStatementsPerCommit = 1000;

    /// <summary>How many payload and attachment bytes one transaction gathers at most (a single larger batch goes alone).</summary>
    private const long MaxBytesPerCommit = 16L * 1024 * 1024;

    /// <summary>A statement document must stay under MongoDB's 16 MB limit with its filter fields beside the JSON.</summary>
    private const int MaxStatementJsonBytes = 12 * 1024 * 1024;

    private readonly MongoLrsDatabase _db;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public MongoStatementStore(MongoLrsDatabase db, TimeProvider? clock = null)
    {
        _db = db;
        _clock = clock ?? TimeProvider.System;
        _writer = Task.Run(WriterLoopAsync);
    }

    /// <summary>The database's start-up work and a first seal of the feed counter, so ConsistentThrough is current.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await _db.EnsureReadyAsync(cancellationToken);
        if (Interlocked.Read(ref _consistentThroughMs) == 0)
        {
            await RefreshConsistentThroughAsync();
        }
    }

    public Task StoreAsync(string storeId, StatementBatch batch, CancellationToken cancellationToken)
    {
        foreach (var statement in batch.Statements)
        {
            if (statement.Utf8.Length > MaxStatementJsonBytes)
            {
                throw new PayloadTooLargeException($"statement {statement.Id} is larger than {MaxStatementJsonBytes / (1024 * 1024)} MB");
            }
        }

        // Once queued a batch is written even if the client goes away: cancelling half-way is not an option.
        var pending = new PendingWrite(storeId, batch);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MongoStatementStore));
        }

        return pending.Completion.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(30));
    }

    private sealed class PendingWrite(string store, StatementBatch batch)
    {
        public string Store { get; } = store;

        public StatementBatch Batch { get; } = batch;

        public long Bytes { get; } = batch.Statements.Sum(s => (long)s.Utf8.Length) + batch.Attachments.Sum(a => (long)a.Content.Length);

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task WriterLoopAsync()
    {
        var group = new List<PendingWrite>();
        PendingWrite? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var statements = 0;
            var bytes = 0L;
            if (carried is not null)
            {
                group.Add(carried);
                statements += carried.Batch.Statements.Count;
                bytes += carried.Bytes;
                carried = null;
            }

            while (statements < MaxStatementsPerCommit && bytes < MaxBytesPerCommit && _queue.Reader.TryRead(out var next))
            {
                if (group.Count > 0 && (statements + next.Batch.Statements.Count > MaxStatementsPerCommit || bytes + next.Bytes > MaxBytesPerCommit))
                {
                    carried = next; // Too much for this commit: it opens the next one.
                    break;
                }

                group.Add(next);
                statements += next.Batch.Statements.Count;
                bytes += next.Bytes;
            }

            await WriteGroupAsync(group);
        }
    }

    private async Task WriteGroupAsync(List<PendingWrite> group)
    {
        var batches = group.Select(p => (p.Store, p.Batch)).ToList();
        WritePlan plan;
        long storedMs;
        try
        {
            await _db.EnsureReadyAsync(CancellationToken.None);
            using var session = await _db.Client.StartSessionAsync();
            // The driver retries the whole callback on a transient error (a write conflict on the feed counter with
            // another instance, a primary step-down), so the callback plans from scratch every time. A conflict fails
            // at once rather than waiting for the other transaction, so a retry first waits a few random
            // milliseconds, growing with the attempts: instances that collide do not collide again in lockstep.
            var attempt = 0;
            (plan, storedMs) = await session.WithTransactionAsync(
                async (s, ct) =>
                {
                    if (attempt++ > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(100, 5 * attempt))), ct);
                    }

                    var (lastPosition, lastStoredMs) = await FeedCounter.TakeAsync(s, _db.Counters, ct);
                    var stored = FeedCounter.NextStoredMs(_clock.GetUtcNow().ToUnixTimeMilliseconds(), lastStoredMs);
                    var made = await WritePlanner.PlanAsync(batches, new TransactionLookup(_db, s), lastPosition,
                        DateTimeOffset.FromUnixTimeMilliseconds(stored), ct);
                    await ApplyAsync(s, made, ct);
                    await _db.Counters.UpdateOneAsync(s, new BsonDocument("_id", FeedCounter.Id), FeedCounter.Advance(made.LastPosition, stored), cancellationToken: ct);
                    return (made, stored);
                },
                MongoLrsDatabase.WriteTransaction);
        }
        catch (Exception e)
        {
            // The database failed (unreachable, no majority, a transaction that kept conflicting): nothing is stored.
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(e);
            }

            return;
        }

        RaiseConsistentThrough(storedMs);
        for (var i = 0; i < group.Count; i++)
        {
            if (plan.Failures.TryGetValue(i, out var error))
            {
                group[i].Completion.TrySetException(error);
            }
            else
            {
                group[i].Completion.TrySetResult();
            }
        }
    }

    private async Task ApplyAsync(IClientSessionHandle session, WritePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Inserts.Count > 0)
        {
            await _db.Statements.InsertManyAsync(session, plan.Inserts.Select(d => d.ToBson()), cancellationToken: cancellationToken);
        }

        foreach (var byStore in plan.MarkVoided.GroupBy(v => v.Store, StringComparer.Ordinal))
        {
            await _db.Statements.UpdateManyAsync(session,
                new BsonDocument { { F.Store, byStore.Key }, { F.Id, new BsonDocument("$in", new BsonArray(byStore.Select(v => Bson.Uuid(v.Id)))) } },
                new BsonDocument("$set", new BsonDocument(F.Voided, true)), cancellationToken: cancellationToken);
        }

        if (plan.Voids.Count > 0)
        {
            await _db.Voids.BulkWriteAsync(session, plan.Voids.Select(v => new UpdateOneModel<BsonDocument>(
                new BsonDocument { { "store", v.Store }, { "target", Bson.Uuid(v.Target) } },
                new BsonDocument("$setOnInsert", new BsonDocument("voidedBy", Bson.Uuid(v.VoidedBy)))) { IsUpsert = true }),
                cancellationToken: cancellationToken);
        }

        if (plan.Definitions.Count > 0)
        {
            await _db.Activities.BulkWriteAsync(session, plan.Definitions.Select(d => new ReplaceOneModel<BsonDocument>(
                new BsonDocument { { "store", d.Key.Store }, { "iri", d.Key.ActivityId } },
                new BsonDocument { { "store", d.Key.Store }, { "iri", d.Key.ActivityId }, { "definition", d.Value } }) { IsUpsert = true }),
                cancellationToken: cancellationToken);
        }

        foreach (var (store, attachment) in plan.Attachments)
        {
            await _db.Attachments.InsertOneAsync(session, AttachmentChunks.Header(store, attachment), cancellationToken: cancellationToken);
            await _db.AttachmentChunks.InsertManyAsync(session, AttachmentChunks.Chunks(store, attachment), cancellationToken: cancellationToken);
        }
    }
}
