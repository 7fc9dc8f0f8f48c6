using MongoDB.Bson;
using S = Lrs.Storage.Mongo.StatementDocument.Fields;

namespace Lrs.Storage.Mongo;

/// <summary>
/// Every index the store needs, by collection, created (idempotently) at start. deploy/mongo/README.md explains the
/// choice; the rules that hold them together are tested: every hinted index exists, every statement index starts
/// with the store (the shard key's prefix) and ends with the feed position (so it also gives the sort), and no index
/// holds two array fields (MongoDB refuses to index "parallel arrays").
/// </summary>
internal static class MongoIndexes
{
    public const string StatementsById = "by_id";
    public const string StatementsByPosition = "by_position";
    public const string StatementsByStored = "by_stored";
    public const string StatementsByAgent = "by_agent";
    public const string StatementsByRelatedAgent = "by_related_agent";
    public const string StatementsByAgentVerb = "by_agent_verb";
    public const string StatementsByVerb = "by_verb";
    public const string StatementsByActivity = "by_activity";
    public const string StatementsByRelatedActivity = "by_related_activity";
    public const string StatementsByRegistration = "by_registration";
    public const string StatementsByAuthority = "by_authority";

    /// <summary>An index: its name, key pattern and whether it is unique.</summary>
    public sealed record Definition(string Name, BsonDocument Keys, bool Unique = false);

    public static readonly IReadOnlyList<Definition> Statements =
    [
        // Unique per store: the same id in two stores is two statements. The feed position is unique by construction
        // (the counter), and the index on it is not declared unique so that the collection can be sharded on
        // { store, sid: "hashed" } (a sharded collection's unique indexes must start with the shard key).
        new(StatementsById, new BsonDocument { { S.Store, 1 }, { S.Id, 1 } }, Unique: true),
        new(StatementsByPosition, new BsonDocument { { S.Store, 1 }, { S.Position, 1 } }),
        new(StatementsByStored, new BsonDocument { { S.Store, 1 }, { S.Stored, 1 }, { S.Position, 1 } }),
        ByValue(StatementsByAgent, S.Agents),
        ByValue(StatementsByRelatedAgent, S.RelatedAgents),
        ByValue(StatementsByAgentVerb, S.AgentVerbs),
        ByValue(StatementsByVerb, S.Verbs),
        ByValue(StatementsByActivity, S.Activities),
        ByValue(StatementsByRelatedActivity, S.RelatedActivities),
        ByValue(StatementsByRegistration, S.Registrations),
        ByValue(StatementsByAuthority, S.Authority),
    ];

    /// <summary>The array fields of a statement document: at most one of them may appear in any one index.</summary>
    public static readonly IReadOnlySet<string> StatementArrayFields = new HashSet<string>(StringComparer.Ordinal)
    {
        S.Agents, S.RelatedAgents, S.AgentVerbs, S.Verbs, S.Activities, S.RelatedActivities, S.Registrations,
    };

    public static readonly IReadOnlyList<Definition> Voids =
    [
        new("by_target", new BsonDocument { { "store", 1 }, { "target", 1 } }, Unique: true),
    ];

    public static readonly IReadOnlyList<Definition> Activities =
    [
        new("by_iri", new BsonDocument { { "store", 1 }, { "iri", 1 } }, Unique: true),
    ];

    public static readonly IReadOnlyList<Definition> Attachments =
    [
        new("by_hash", new BsonDocument { { "store", 1 }, { "sha2", 1 } }, Unique: true),
    ];

    public static readonly IReadOnlyList<Definition> AttachmentChunks =
    [
        new("by_hash_and_number", new BsonDocument { { "store", 1 }, { "sha2", 1 }, { "n", 1 } }, Unique: true),
    ];

    public static readonly IReadOnlyList<Definition> Documents =
    [
        new("by_key", DocumentKey, Unique: true),
        new("by_agent", new BsonDocument { { "store", 1 }, { "agent", 1 }, { "kind", 1 }, { "docId", 1 } }),
    ];

    public static readonly IReadOnlyList<Definition> Credentials =
    [
        new("by_created", new BsonDocument { { "created", 1 }, { "_id", 1 } }),
    ];

    /// <summary>Accounts are found by their _id (the folded email); listing walks them oldest first.</summary>
    public static readonly IReadOnlyList<Definition> Accounts =
    [
        new("by_created", new BsonDocument { { "created", 1 }, { "_id", 1 } }),
    ];

    private static BsonDocument DocumentKey => new()
    {
        { "store", 1 }, { "kind", 1 }, { "activity", 1 }, { "agent", 1 }, { "registration", 1 }, { "docId", 1 },
    };

    /// <summary>One filter value's statements in feed order: the shape every xAPI filter is walked by.</summary>
    private static Definition ByValue(string name, string field) =>
        new(name, new BsonDocument { { S.Store, 1 }, { field, 1 }, { S.Position, 1 } });
}
