using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>
/// The feed position and stored time, handed out by one counter document that every write transaction updates first.
/// </summary>
/// <remarks>
/// Why a counter in the transaction: a transaction that updates a document holds it until it commits, and a second
/// transaction that touches it meanwhile fails with a write conflict and is retried by the driver from the start,
/// reading the counter again. So transactions that write statements commit one after another, each one's positions
/// follow the previous one's, and commit order equals position order, across any number of LRS instances. A reader
/// (read concern "majority" sees a prefix of the commits) that has seen position p has therefore seen every smaller
/// one: the analytics follower can never skip a gap that fills in later. A change stream would give commit order too,
/// but only as a resumable cursor, not as a number a client can page by; positions allocated outside the transaction
/// ($inc, then insert) would commit out of order and be skipped.
/// The price is that statement writes to one database are serialised; each LRS instance gathers concurrent batches
/// into one transaction (group commit) so the serial step is one round trip per group, not per statement.
/// Stored is max(now, previous + 1 ms) for each transaction: never decreasing along the feed whatever the instances'
/// clocks say, and strictly increasing from one transaction to the next, which is what makes ConsistentThrough exact.
/// </remarks>
internal static class FeedCounter
{
    public const string Id = "feed";

    public static BsonDocument Initial => new() { { "position", 0L }, { "stored", 0L }, { "commits", 0L } };

    /// <summary>First write of a write transaction: takes the counter, so no other write transaction commits until this one ends.</summary>
    public static async Task<(long LastPosition, long LastStoredMs)> TakeAsync(IClientSessionHandle session, IMongoCollection<BsonDocument> counters, CancellationToken cancellationToken)
    {
        var doc = await counters.FindOneAndUpdateAsync(session, new BsonDocument("_id", Id),
            new BsonDocument("$inc", new BsonDocument("commits", 1L)),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken)
            ?? throw new InvalidOperationException("the feed counter document is missing; it is created at start");
        return (doc["position"].ToInt64(), doc["stored"].ToInt64());
    }

    public static long NextStoredMs(long nowMs, long lastStoredMs) => Math.Max(nowMs, lastStoredMs + 1);

    public static BsonDocument Advance(long lastPosition, long storedMs) =>
        new("$set", new BsonDocument { { "position", lastPosition }, { "stored", storedMs } });

    /// <summary>
    /// Outside any transaction: waits for the write transaction in progress (if any) to end, then makes every later
    /// one stamp after <paramref name="nowMs"/>. Afterwards every statement stored at or before the returned instant
    /// is committed, which is what X-Experience-API-Consistent-Through promises.
    /// </summary>
    public static async Task<long> SealAsync(IMongoCollection<BsonDocument> counters, long nowMs, CancellationToken cancellationToken)
    {
        var doc = await counters.FindOneAndUpdateAsync(new BsonDocument("_id", Id),
            new BsonDocument("$max", new BsonDocument("stored", nowMs)),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken)
            ?? throw new InvalidOperationException("the feed counter document is missing; it is created at start");
        return doc["stored"].ToInt64();
    }
}
