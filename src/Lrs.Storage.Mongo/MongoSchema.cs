using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>
/// What runs at start: refuse a standalone server, create the collections (MongoDB before 4.4 cannot create one inside
/// a transaction), create the indexes (createIndexes is a no-op for an index that already exists with the same
/// definition), create the feed counter, and check and record the schema version. Several instances starting at once
/// do the same idempotent work.
/// </summary>
internal static class MongoSchema
{
    public static async Task EnsureAsync(MongoLrsDatabase db, CancellationToken cancellationToken)
    {
        await RequireTransactionsAsync(db, cancellationToken);

        var version = await db.Meta.Find(new BsonDocument("_id", "schema")).FirstOrDefaultAsync(cancellationToken);
        if (version is not null && version["version"].ToInt32() > MongoLrsDatabase.SchemaVersion)
        {
            throw new InvalidOperationException(
                $"database '{db.Database.DatabaseNamespace.DatabaseName}' has schema version {version["version"]}, newer than this LRS " +
                $"understands ({MongoLrsDatabase.SchemaVersion}): run a newer LRS, or restore a backup taken before the upgrade");
        }

        var existing = new HashSet<string>(await (await db.Database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var name in AllCollections)
        {
            if (!existing.Contains(name))
            {
                try
                {
                    await db.Database.CreateCollectionAsync(name, cancellationToken: cancellationToken);
                }
                catch (MongoCommandException e) when (e.CodeName == "NamespaceExists")
                {
                    // Another instance created it first.
                }
            }
        }

        await CreateIndexesAsync(db.Statements, MongoIndexes.Statements, cancellationToken);
        await CreateIndexesAsync(db.Voids, MongoIndexes.Voids, cancellationToken);
        await CreateIndexesAsync(db.Activities, MongoIndexes.Activities, cancellationToken);
        await CreateIndexesAsync(db.Attachments, MongoIndexes.Attachments, cancellationToken);
        await CreateIndexesAsync(db.AttachmentChunks, MongoIndexes.AttachmentChunks, cancellationToken);
        await CreateIndexesAsync(db.Documents, MongoIndexes.Documents, cancellationToken);
        await CreateIndexesAsync(db.Credentials, MongoIndexes.Credentials, cancellationToken);
        await CreateIndexesAsync(db.Accounts, MongoIndexes.Accounts, cancellationToken);

        await UpsertIgnoringRaceAsync(db.Counters, FeedCounter.Id, FeedCounter.Initial, cancellationToken);
        await db.Meta.UpdateOneAsync(new BsonDocument("_id", "schema"),
            new BsonDocument("$max", new BsonDocument("version", MongoLrsDatabase.SchemaVersion)),
            new UpdateOptions { IsUpsert = true }, cancellationToken);
    }

    private static readonly string[] AllCollections =
    [
        MongoLrsDatabase.Collections.Statements, MongoLrsDatabase.Collections.Voids, MongoLrsDatabase.Collections.Activities,
        MongoLrsDatabase.Collections.Attachments, MongoLrsDatabase.Collections.AttachmentChunks, MongoLrsDatabase.Collections.Documents,
        MongoLrsDatabase.Collections.Credentials, MongoLrsDatabase.Collections.Accounts, MongoLrsDatabase.Collections.Counters,
        MongoLrsDatabase.Collections.Meta,
    ];

    private static async Task RequireTransactionsAsync(MongoLrsDatabase db, CancellationToken cancellationToken)
    {
        var hello = await db.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        var replicaSet = hello.Contains("setName");
        var router = hello.GetValue("msg", "").IsString && hello["msg"].AsString == "isdbgrid";
        if (!replicaSet && !router)
        {
            throw new InvalidOperationException(
                "MongoDB is a standalone server: the LRS needs transactions to store a batch atomically, and MongoDB has them " +
                "only on a replica set or a sharded cluster. Start mongod with --replSet rs0 and run rs.initiate() once " +
                "(a one-member replica set is enough), then point LRS_MONGODB_URI at it.");
        }
    }

    private static Task CreateIndexesAsync(IMongoCollection<BsonDocument> collection, IReadOnlyList<MongoIndexes.Definition> indexes, CancellationToken cancellationToken) =>
        collection.Indexes.CreateManyAsync(
            indexes.Select(i => new CreateIndexModel<BsonDocument>(i.Keys, new CreateIndexOptions { Name = i.Name, Unique = i.Unique })),
            cancellationToken);

    private static async Task UpsertIgnoringRaceAsync(IMongoCollection<BsonDocument> collection, string id, BsonDocument initial, CancellationToken cancellationToken)
    {
        try
        {
            await collection.UpdateOneAsync(new BsonDocument("_id", id), new BsonDocument("$setOnInsert", initial),
                new UpdateOptions { IsUpsert = true }, cancellationToken);
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // Two instances upserted at once and the other one inserted it: it exists, which is all this wanted.
        }
    }
}
