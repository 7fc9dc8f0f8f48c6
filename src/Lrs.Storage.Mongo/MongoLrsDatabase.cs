using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>
/// The MongoDB database an LRS uses: its collections with the durability settings every write shares, and the checks
/// and index creation that run once at start (<see cref="EnsureReadyAsync"/>). Stores share one instance; the
/// driver's client pools connections.
/// </summary>
/// <remarks>
/// Acknowledged means durable: every write waits for a majority of the replica set to have it in its journal
/// (w: "majority", j: true), so an acknowledged statement survives the loss of the primary. Reads use read concern
/// "majority", so nothing a reader saw can be rolled back by a failover (the analytics feed depends on this).
/// A batch is atomic through a multi-document transaction, which MongoDB offers only on a replica set or a sharded
/// cluster. On a standalone server there are no transactions and a crash half-way through a batch would leave part
/// of it stored, so <see cref="EnsureReadyAsync"/> refuses a standalone server with a message saying how to start a
/// one-member replica set instead (every store operation then fails with that message and readiness reports it); it
/// never falls back to non-atomic writes.
/// Constructing touches no server: a process whose database is down still starts, answers liveness, and reports
/// "not ready" until the database answers, instead of failing every request in its constructor.
/// </remarks>
public sealed class MongoLrsDatabase
{
    /// <summary>The layout this code reads and writes; a database with a higher version was written by newer code.</summary>
    public const int SchemaVersion = 1;

    public static readonly WriteConcern Durable = WriteConcern.WMajority.With(journal: true);

    public MongoLrsDatabase(string connectionString, string databaseName)
        : this(new MongoClient(ClientSettings(connectionString)), databaseName)
    {
    }

    public MongoLrsDatabase(IMongoClient client, string databaseName)
    {
        Client = client;
        Database = client.GetDatabase(databaseName)
            .WithWriteConcern(Durable)
            .WithReadConcern(ReadConcern.Majority)
            .WithReadPreference(ReadPreference.Primary);
        Statements = Database.GetCollection<BsonDocument>(Collections.Statements);
        Voids = Database.GetCollection<BsonDocument>(Collections.Voids);
        Activities = Database.GetCollection<BsonDocument>(Collections.Activities);
        Attachments = Database.GetCollection<BsonDocument>(Collections.Attachments);
        AttachmentChunks = Database.GetCollection<BsonDocument>(Collections.AttachmentChunks);
        Documents = Database.GetCollection<BsonDocument>(Collections.Documents);
        Credentials = Database.GetCollection<BsonDocument>(Collections.Credentials);
        Accounts = Database.GetCollection<BsonDocument>(Collections.Accounts);
        Counters = Database.GetCollection<BsonDocument>(Collections.Counters);
        Meta = Database.GetCollection<BsonDocument>(Collections.Meta);
    }

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private volatile bool _ready;

    /// <summary>
    /// The start-up work, once: refuse a standalone server, create collections and indexes, check and record the
    /// schema version (see <see cref="MongoSchema"/>). Every store operation awaits it; a failure is retried by the
    /// next caller.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await MongoSchema.EnsureAsync(this, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    public IMongoClient Client { get; }

    public IMongoDatabase Database { get; }

    internal IMongoCollection<BsonDocument> Statements { get; }

    internal IMongoCollection<BsonDocument> Voids { get; }

    internal IMongoCollection<BsonDocument> Activities { get; }

    internal IMongoCollection<BsonDocument> Attachments { get; }

    internal IMongoCollection<BsonDocument> AttachmentChunks { get; }

    internal IMongoCollection<BsonDocument> Documents { get; }

    internal IMongoCollection<BsonDocument> Credentials { get; }

    internal IMongoCollection<BsonDocument> Accounts { get; }

    internal IMongoCollection<BsonDocument> Counters { get; }

    internal IMongoCollection<BsonDocument> Meta { get; }

    /// <summary>Snapshot reads and durable commits: the transaction every statement batch is written in.</summary>
    internal static TransactionOptions WriteTransaction { get; } = new(ReadConcern.Snapshot, ReadPreference.Primary, Durable);

    /// <summary>
    /// Settings from the connection string, with defaults that matter here unless the string says otherwise: retryable
    /// writes (a primary step-down mid-write is retried, not reported), and a server selection timeout short enough
    /// for a readiness probe to fail rather than hang.
    /// </summary>
    public static MongoClientSettings ClientSettings(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        var settings = MongoClientSettings.FromUrl(url);
        settings.RetryWrites = true;
        settings.RetryReads = true;
        if (!connectionString.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        }

        return settings;
    }

    public static class Collections
    {
        public const string Statements = "statements";
        public const string Voids = "voids";
        public const string Activities = "activities";
        public const string Attachments = "attachments";
        public const string AttachmentChunks = "attachmentChunks";
        public const string Documents = "documents";
        public const string Credentials = "credentials";
        public const string Accounts = "accounts";
        public const string Counters = "counters";
        public const string Meta = "meta";
    }
}
