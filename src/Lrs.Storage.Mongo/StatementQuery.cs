using Lrs.Xapi.Storage;
using MongoDB.Bson;
using F = Lrs.Storage.Mongo.StatementDocument.Fields;

namespace Lrs.Storage.Mongo;

/// <summary>
/// A statement query as MongoDB runs it: one filter, a sort on the feed position, a limit one past the page (to know
/// whether more follow), and the index that drives it. Pure, so every query shape can be checked without a server.
/// </summary>
/// <remarks>
/// The hint names the index of the most selective filter (registration, then activity, then agent with verb, then
/// agent, then verb, then authority), as the SQLite store picks its driving key: the index walks that value's
/// statements in feed order and the other conditions are checked on each document, so a page costs about "limit"
/// documents when the filters agree. Hinting keeps the plan the same on every server instead of leaving it to the
/// planner's trial runs, which can pick a plan that is fast on the first 100 documents and slow on the rest.
/// </remarks>
internal sealed record StatementQuery(BsonDocument Filter, BsonDocument Sort, string Hint, int Limit)
{
    /// <summary>
    /// Renders a filter whose since/until are already turned into feed positions: statements after
    /// <paramref name="low"/> and at or before <paramref name="high"/> (null: no upper bound).
    /// </summary>
    public static StatementQuery Build(string store, StatementFilter filter, long low, long? high)
    {
        var doc = new BsonDocument { { F.Store, store } };
        string hint;
        var agentAndVerbTogether = filter is { Agent: not null, Verb: not null, RelatedAgents: false };

        if (filter.Registration is { } registration)
        {
            doc.Add(F.Registrations, Bson.Uuid(registration));
            hint = MongoIndexes.StatementsByRegistration;
        }
        else if (filter.Activity is not null)
        {
            hint = filter.RelatedActivities ? MongoIndexes.StatementsByRelatedActivity : MongoIndexes.StatementsByActivity;
        }
        else if (agentAndVerbTogether)
        {
            hint = MongoIndexes.StatementsByAgentVerb;
        }
        else if (filter.Agent is not null)
        {
            hint = filter.RelatedAgents ? MongoIndexes.StatementsByRelatedAgent : MongoIndexes.StatementsByAgent;
        }
        else if (filter.Verb is not null)
        {
            hint = MongoIndexes.StatementsByVerb;
        }
        else if (filter.AuthorityKey is not null)
        {
            hint = MongoIndexes.StatementsByAuthority;
        }
        else
        {
            hint = MongoIndexes.StatementsByPosition;
        }

        if (filter.Activity is { } activity)
        {
            doc.Add(filter.RelatedActivities ? F.RelatedActivities : F.Activities, activity);
        }

        if (agentAndVerbTogether && hint == MongoIndexes.StatementsByAgentVerb)
        {
            doc.Add(F.AgentVerbs, StatementKeys.AgentVerb(filter.Agent!, filter.Verb!));
        }
        else
        {
            if (filter.Agent is { } agent)
            {
                doc.Add(filter.RelatedAgents ? F.RelatedAgents : F.Agents, agent);
            }

            if (filter.Verb is { } verb)
            {
                doc.Add(F.Verbs, verb);
            }
        }

        if (filter.AuthorityKey is { } authority)
        {
            doc.Add(F.Authority, authority);
        }

        var position = new BsonDocument("$gt", low);
        if (high is { } h)
        {
            position.Add("$lte", h);
        }

        doc.Add(F.Position, position);
        doc.Add(F.Voided, false);
        return new StatementQuery(doc, new BsonDocument(F.Position, filter.Ascending ? 1 : -1), hint, filter.Limit + 1);
    }

    /// <summary>
    /// The last statement stored at or before an instant: since/until become feed positions, exact because stored
    /// never decreases along the feed (the write path guarantees it).
    /// </summary>
    public static StatementQuery LastStoredAtOrBefore(string store, DateTimeOffset instant) => new(
        new BsonDocument { { F.Store, store }, { F.Stored, new BsonDocument("$lte", Bson.Date(Bson.FloorMs(instant))) } },
        new BsonDocument { { F.Stored, -1 }, { F.Position, -1 } },
        MongoIndexes.StatementsByStored,
        1);

    /// <summary>The feed: every statement after a position, voided ones included, oldest first.</summary>
    public static StatementQuery Feed(string store, long afterPosition, int max) => new(
        new BsonDocument { { F.Store, store }, { F.Position, new BsonDocument("$gt", afterPosition) } },
        new BsonDocument(F.Position, 1),
        MongoIndexes.StatementsByPosition,
        max);
}
