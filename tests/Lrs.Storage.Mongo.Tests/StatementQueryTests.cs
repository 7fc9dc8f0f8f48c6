using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo.Tests;

/// <summary>Each xAPI query shape as the filter, sort, hint and limit MongoDB receives.</summary>
public sealed class StatementQueryTests
{
    private const string Pat = "mbox:mailto:pat@example.com";
    private const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    private const string Course = "http://example.com/course";

    private static BsonDocument Expected(params (string Name, BsonValue Value)[] conditions)
    {
        var doc = new BsonDocument("store", "s1");
        foreach (var (name, value) in conditions)
        {
            doc.Add(name, value);
        }

        return doc;
    }

    private static (string, BsonValue) After(long low) => ("pos", new BsonDocument("$gt", low));

    private static readonly (string, BsonValue) NotVoided = ("voided", false);

    [Fact]
    public void No_filter_walks_the_feed_index_newest_first_and_asks_for_one_more_than_the_page()
    {
        var query = StatementQuery.Build("s1", new StatementFilter { Limit = 10 }, 0, null);

        Assert.Equal(Expected(After(0), NotVoided), query.Filter);
        Assert.Equal(new BsonDocument("pos", -1), query.Sort);
        Assert.Equal(MongoIndexes.StatementsByPosition, query.Hint);
        Assert.Equal(11, query.Limit);
    }

    [Fact]
    public void Agent_filters_the_agents_field_and_related_agents_the_wider_one()
    {
        var plain = StatementQuery.Build("s1", new StatementFilter { Agent = Pat }, 0, null);
        var related = StatementQuery.Build("s1", new StatementFilter { Agent = Pat, RelatedAgents = true }, 0, null);

        Assert.Equal(Expected(("agents", Pat), After(0), NotVoided), plain.Filter);
        Assert.Equal(MongoIndexes.StatementsByAgent, plain.Hint);
        Assert.Equal(Expected(("relatedAgents", Pat), After(0), NotVoided), related.Filter);
        Assert.Equal(MongoIndexes.StatementsByRelatedAgent, related.Hint);
    }

    [Fact]
    public void Agent_with_verb_and_since_uses_the_agent_verb_pair_above_a_position()
    {
        var query = StatementQuery.Build("s1", new StatementFilter { Agent = Pat, Verb = Completed }, 41, null);

        var pair = new BsonDocument { { "a", Pat }, { "v", Completed } };
        Assert.Equal(Expected(("agentVerbs", pair), After(41), NotVoided), query.Filter);
        Assert.Equal(MongoIndexes.StatementsByAgentVerb, query.Hint);
    }

    [Fact]
    public void Related_agents_with_a_verb_walk_the_related_agent_and_check_the_verb_on_each_statement()
    {
        var query = StatementQuery.Build("s1", new StatementFilter { Agent = Pat, RelatedAgents = true, Verb = Completed }, 0, null);

        Assert.Equal(Expected(("relatedAgents", Pat), ("verbs", Completed), After(0), NotVoided), query.Filter);
        Assert.Equal(MongoIndexes.StatementsByRelatedAgent, query.Hint);
    }

    [Fact]
    public void Verb_alone_walks_the_verb_index()
    {
        var query = StatementQuery.Build("s1", new StatementFilter { Verb = Completed }, 0, null);

        Assert.Equal(Expected(("verbs", Completed), After(0), NotVoided), query.Filter);
        Assert.Equal(MongoIndexes.StatementsByVerb, query.Hint);
    }

    [Fact]
    public void Activity_drives_before_agent_and_related_activities_use_the_wider_field()
    {
        var plain = StatementQuery.Build("s1", new StatementFilter { Activity = Course, Agent = Pat }, 7, null);
        var related = StatementQuery.Build("s1", new StatementFilter { Activity = Course, RelatedActivities = true }, 0, null);

        Assert.Equal(Expected(("activities", Course), ("agents", Pat), After(7), NotVoided), plain.Filter);
        Assert.Equal(MongoIndexes.StatementsByActivity, plain.Hint);
        Assert.Equal(Expected(("relatedActivities", Course), After(0), NotVoided), related.Filter);
        Assert.Equal(MongoIndexes.StatementsByRelatedActivity, related.Hint);
    }

    [Fact]
    public void Registration_drives_every_other_filter_as_a_binary_uuid()
    {
        var registration = Guid.Parse("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b");

        var query = StatementQuery.Build("s1", new StatementFilter { Registration = registration, Activity = Course, Agent = Pat, Verb = Completed }, 0, null);

        Assert.Equal(Expected(
            ("registrations", new BsonBinaryData(registration, GuidRepresentation.Standard)),
            ("activities", Course),
            ("agents", Pat),
            ("verbs", Completed),
            After(0),
            NotVoided), query.Filter);
        Assert.Equal(BsonBinarySubType.UuidStandard, query.Filter["registrations"].AsBsonBinaryData.SubType);
        Assert.Equal(MongoIndexes.StatementsByRegistration, query.Hint);
    }

    [Fact]
    public void The_mine_scope_filters_on_the_authority_and_walks_its_index_when_nothing_else_is_asked()
    {
        var alone = StatementQuery.Build("s1", new StatementFilter { AuthorityKey = Pat }, 0, null);
        var withVerb = StatementQuery.Build("s1", new StatementFilter { AuthorityKey = Pat, Verb = Completed }, 0, null);

        Assert.Equal(Expected(("authority", Pat), After(0), NotVoided), alone.Filter);
        Assert.Equal(MongoIndexes.StatementsByAuthority, alone.Hint);
        Assert.Equal(MongoIndexes.StatementsByVerb, withVerb.Hint);
        Assert.Equal(Pat, withVerb.Filter["authority"].AsString);
    }

    [Fact]
    public void More_pages_continue_by_position_in_either_direction()
    {
        var ascending = StatementQuery.Build("s1", new StatementFilter { Ascending = true, Limit = 2 }, 120, null);
        var descending = StatementQuery.Build("s1", new StatementFilter { Limit = 2 }, 0, 119);

        Assert.Equal(Expected(After(120), NotVoided), ascending.Filter);
        Assert.Equal(new BsonDocument("pos", 1), ascending.Sort);
        Assert.Equal(Expected(("pos", new BsonDocument { { "$gt", 0L }, { "$lte", 119L } }), NotVoided), descending.Filter);
        Assert.Equal(new BsonDocument("pos", -1), descending.Sort);
    }

    [Fact]
    public void Positions_are_compared_as_64_bit_integers_like_the_stored_field()
    {
        var query = StatementQuery.Build("s1", new StatementFilter(), 5, 9);

        Assert.Equal(BsonType.Int64, query.Filter["pos"]["$gt"].BsonType);
        Assert.Equal(BsonType.Int64, query.Filter["pos"]["$lte"].BsonType);
    }

    [Fact]
    public void Since_and_until_find_the_last_position_stored_at_or_before_the_millisecond()
    {
        var instant = DateTimeOffset.Parse("2025-03-04T05:06:07.8919Z", System.Globalization.CultureInfo.InvariantCulture);

        var query = StatementQuery.LastStoredAtOrBefore("s1", instant);

        var floor = DateTimeOffset.Parse("2025-03-04T05:06:07.891Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        Assert.Equal(new BsonDocument { { "store", "s1" }, { "stored", new BsonDocument("$lte", new BsonDateTime(floor)) } }, query.Filter);
        Assert.Equal(new BsonDocument { { "stored", -1 }, { "pos", -1 } }, query.Sort);
        Assert.Equal(MongoIndexes.StatementsByStored, query.Hint);
        Assert.Equal(1, query.Limit);
    }

    [Fact]
    public void The_feed_reads_voided_statements_too_oldest_first()
    {
        var query = StatementQuery.Feed("s1", 300, 50);

        Assert.Equal(Expected(After(300)), query.Filter);
        Assert.Equal(new BsonDocument("pos", 1), query.Sort);
        Assert.Equal(MongoIndexes.StatementsByPosition, query.Hint);
        Assert.Equal(50, query.Limit);
    }
}
