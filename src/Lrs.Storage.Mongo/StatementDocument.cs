using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>
/// One statement as one MongoDB document: the JSON exactly as format=exact returns it, beside the fields queries
/// filter on. The JSON is kept as a string, not as BSON: extension keys are IRIs full of dots, and a string gives back
/// the very bytes that were stored.
/// </summary>
/// <remarks>
/// The filter fields already hold what a StatementRef inherits from its target (Communication 2.1.3), so a query is
/// one equality per filter. <c>agentVerbs</c> pairs every agent with every verb: the commonest dashboard question
/// ("what did this learner complete") then walks one index entry per answer instead of all of the learner's history.
/// </remarks>
internal sealed record StatementDocument
{
    public required string Store { get; init; }

    public required Guid Id { get; init; }

    public required long Position { get; init; }

    public required DateTimeOffset Stored { get; init; }

    public required bool Voided { get; init; }

    /// <summary>This statement voids another, and so cannot itself be voided.</summary>
    public required bool Voiding { get; init; }

    public string? Authority { get; init; }

    public required string Json { get; init; }

    public required StatementKeys Keys { get; init; }

    public BsonDocument ToBson()
    {
        var doc = new BsonDocument
        {
            { Fields.Store, Store },
            { Fields.Id, Bson.Uuid(Id) },
            { Fields.Position, Position },
            { Fields.Stored, Bson.Date(Stored) },
            { Fields.Voided, Voided },
            { Fields.Voiding, Voiding },
        };
        if (Authority is not null)
        {
            doc.Add(Fields.Authority, Authority);
        }

        doc.Add(Fields.Agents, Bson.Strings(Keys.Agents));
        doc.Add(Fields.RelatedAgents, Bson.Strings(Keys.RelatedAgents));
        doc.Add(Fields.Verbs, Bson.Strings(Keys.Verbs));
        doc.Add(Fields.AgentVerbs, new BsonArray(Keys.AgentVerbs()));
        doc.Add(Fields.Activities, Bson.Strings(Keys.Activities));
        doc.Add(Fields.RelatedActivities, Bson.Strings(Keys.RelatedActivities));
        doc.Add(Fields.Registrations, new BsonArray(Keys.Registrations.Select(Bson.Uuid)));
        doc.Add(Fields.Json, Json);
        return doc;
    }

    /// <summary>What a read needs, without the filter fields (see <see cref="ReadProjection"/>).</summary>
    public static StoredStatement ToStored(BsonDocument doc) => new(
        doc[Fields.Position].ToInt64(),
        Bson.ToGuid(doc[Fields.Id]),
        doc[Fields.Json].AsString,
        Bson.ToInstant(doc[Fields.Stored]),
        doc[Fields.Voided].ToBoolean());

    /// <summary>Reads leave the filter arrays on the server: they can outweigh the statement.</summary>
    public static readonly BsonDocument ReadProjection = new()
    {
        { "_id", 0 },
        { Fields.Position, 1 },
        { Fields.Id, 1 },
        { Fields.Json, 1 },
        { Fields.Stored, 1 },
        { Fields.Voided, 1 },
    };

    public static class Fields
    {
        public const string Store = "store";
        public const string Id = "sid";
        public const string Position = "pos";
        public const string Stored = "stored";
        public const string Voided = "voided";
        public const string Voiding = "voiding";
        public const string Authority = "authority";
        public const string Json = "json";
        public const string Agents = "agents";
        public const string RelatedAgents = "relatedAgents";
        public const string Verbs = "verbs";
        public const string AgentVerbs = "agentVerbs";
        public const string Activities = "activities";
        public const string RelatedActivities = "relatedActivities";
        public const string Registrations = "registrations";
    }
}
