using Lrs.Xapi.Storage;

namespace Lrs.Storage.Mongo.Tests;

/// <summary>The index set holds together: every query has its index, and MongoDB would accept and use each one.</summary>
public sealed class MongoIndexesTests
{
    public static TheoryData<string> QueryShapes => new(Shapes.Keys);

    private static readonly Dictionary<string, StatementQuery> Shapes = new(StringComparer.Ordinal)
    {
        ["none"] = StatementQuery.Build("s", new StatementFilter(), 0, null),
        ["agent"] = StatementQuery.Build("s", new StatementFilter { Agent = "a" }, 0, null),
        ["related agent"] = StatementQuery.Build("s", new StatementFilter { Agent = "a", RelatedAgents = true }, 0, null),
        ["agent verb"] = StatementQuery.Build("s", new StatementFilter { Agent = "a", Verb = "v" }, 0, null),
        ["verb"] = StatementQuery.Build("s", new StatementFilter { Verb = "v" }, 0, null),
        ["activity"] = StatementQuery.Build("s", new StatementFilter { Activity = "x" }, 0, null),
        ["related activity"] = StatementQuery.Build("s", new StatementFilter { Activity = "x", RelatedActivities = true }, 0, null),
        ["registration"] = StatementQuery.Build("s", new StatementFilter { Registration = Guid.NewGuid() }, 0, null),
        ["authority"] = StatementQuery.Build("s", new StatementFilter { AuthorityKey = "u" }, 0, null),
        ["stored"] = StatementQuery.LastStoredAtOrBefore("s", DateTimeOffset.UnixEpoch),
        ["feed"] = StatementQuery.Feed("s", 0, 10),
    };

    [Theory]
    [MemberData(nameof(QueryShapes))]
    public void Every_query_shape_hints_an_index_whose_equality_fields_it_filters_on_and_whose_last_field_it_sorts_by(string shape)
    {
        var query = Shapes[shape];

        var index = Assert.Single(MongoIndexes.Statements, i => i.Name == query.Hint);
        var fields = index.Keys.Names.ToList();
        foreach (var equality in fields.Take(fields.Count - 1))
        {
            Assert.True(query.Filter.Contains(equality), $"{shape}: the filter has no condition on {equality}");
        }

        Assert.Equal(fields[^1], query.Sort.Names.Last());
    }

    [Fact]
    public void Every_statement_index_starts_with_the_store_and_those_for_filters_end_with_the_position()
    {
        foreach (var index in MongoIndexes.Statements)
        {
            Assert.Equal("store", index.Keys.Names.First());
            if (index.Name != MongoIndexes.StatementsById)
            {
                Assert.Equal("pos", index.Keys.Names.Last());
            }
        }
    }

    [Fact]
    public void No_index_holds_two_array_fields()
    {
        foreach (var index in MongoIndexes.Statements)
        {
            Assert.True(index.Keys.Names.Count(MongoIndexes.StatementArrayFields.Contains) <= 1, index.Name);
        }
    }

    [Fact]
    public void Only_the_statement_id_is_unique_so_the_collection_can_be_sharded_on_store_and_hashed_id()
    {
        Assert.Equal([MongoIndexes.StatementsById], MongoIndexes.Statements.Where(i => i.Unique).Select(i => i.Name));
        Assert.Equal(["store", "sid"], MongoIndexes.Statements.Single(i => i.Unique).Keys.Names);
    }

    [Fact]
    public void Index_names_are_unique_within_each_collection()
    {
        foreach (var set in new[] { MongoIndexes.Statements, MongoIndexes.Voids, MongoIndexes.Activities, MongoIndexes.Attachments, MongoIndexes.AttachmentChunks, MongoIndexes.Documents, MongoIndexes.Credentials, MongoIndexes.Accounts })
        {
            Assert.Equal(set.Count, set.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Documents_are_unique_per_store_scope_and_id()
    {
        var key = MongoIndexes.Documents.Single(i => i.Unique);

        Assert.Equal(["store", "kind", "activity", "agent", "registration", "docId"], key.Keys.Names);
        Assert.Equal(key.Keys.Names, DocumentMapping.Key("s", DocumentScope.AgentProfile("a"), "d").Names);
    }
}
