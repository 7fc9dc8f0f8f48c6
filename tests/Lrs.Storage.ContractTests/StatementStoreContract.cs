using Lrs.Xapi.Errors;
using Lrs.Xapi.Model;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;
using static Lrs.Storage.ContractTests.Statements;

namespace Lrs.Storage.ContractTests;

/// <summary>The statement store contract (see <see cref="IStatementStore"/>), as every backend must pass it.</summary>
public abstract class StatementStoreContract
{
    /// <summary>The backend under test; a backend that cannot run here skips (Assert.Skip) with its reason.</summary>
    protected abstract StoreSet Stores { get; }

    private IStatementStore Store => Stores.Statements;

    private readonly string _storeId = NewStoreId();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> StoreOneAsync(StatementToStore statement)
    {
        await Store.StoreAsync(_storeId, Batch(statement), Ct);
        return statement.Id;
    }

    private async Task<List<Guid>> QueryIdsAsync(StatementFilter filter) =>
        (await Store.QueryAsync(_storeId, filter, Ct)).Statements.Select(s => s.Id).ToList();

    [Fact]
    public async Task A_stored_statement_is_read_back_by_id_with_stored_and_timestamp_stamped()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await StoreOneAsync(Simple());

        var stored = await Store.GetAsync(_storeId, id, Ct);

        Assert.NotNull(stored);
        Assert.False(stored.Voided);
        var json = Parse(stored);
        Assert.Equal(id.ToString("D"), (string?)json["id"]);
        Assert.True(Formats.TryParseTimestamp((string?)json["stored"], out var storedAt));
        Assert.InRange(storedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal((string?)json["stored"], (string?)json["timestamp"]);
        Assert.Equal(storedAt, stored.Stored);
    }

    [Fact]
    public async Task A_statement_with_its_own_timestamp_keeps_it()
    {
        var id = await StoreOneAsync(Simple(change: s => s["timestamp"] = "2020-02-03T04:05:06.789+02:00"));

        var json = Parse((await Store.GetAsync(_storeId, id, Ct))!);

        Assert.Equal("2020-02-03T04:05:06.789+02:00", (string?)json["timestamp"]);
    }

    [Fact]
    public async Task An_unknown_id_reads_as_null()
    {
        Assert.Null(await Store.GetAsync(_storeId, Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task The_same_statement_stored_twice_is_kept_once_and_is_not_an_error()
    {
        var id = Guid.NewGuid();
        await StoreOneAsync(Simple(id));
        await StoreOneAsync(Simple(id));

        var feed = await Store.ReadFeedAsync(_storeId, 0, 10, Ct);

        Assert.Single(feed);
    }

    [Fact]
    public async Task A_different_statement_under_a_stored_id_is_a_conflict_and_its_batch_stores_nothing()
    {
        var id = Guid.NewGuid();
        await StoreOneAsync(Simple(id, verb: "http://example.com/verbs/one"));
        var innocent = Simple();

        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.StoreAsync(_storeId, Batch(innocent, Simple(id, verb: "http://example.com/verbs/two")), Ct));

        Assert.Null(await Store.GetAsync(_storeId, innocent.Id, Ct));
        Assert.Single(await Store.ReadFeedAsync(_storeId, 0, 10, Ct));
    }

    [Fact]
    public async Task A_failed_batch_does_not_disturb_batches_written_at_the_same_time()
    {
        var taken = Guid.NewGuid();
        await StoreOneAsync(Simple(taken, verb: "http://example.com/verbs/one"));
        var good = Enumerable.Range(0, 20).Select(_ => Simple()).ToList();

        var writes = good.Select(s => Store.StoreAsync(_storeId, Batch(s), Ct)).ToList();
        var bad = Store.StoreAsync(_storeId, Batch(Simple(taken, verb: "http://example.com/verbs/two")), Ct);

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<ConflictException>(() => bad);
        foreach (var s in good)
        {
            Assert.NotNull(await Store.GetAsync(_storeId, s.Id, Ct));
        }
    }

    [Fact]
    public async Task Voiding_marks_the_target_voided_and_hides_it_from_queries()
    {
        var target = await StoreOneAsync(Simple());
        var voiding = await StoreOneAsync(Voiding(target));

        var stored = await Store.GetAsync(_storeId, target, Ct);
        var ids = await QueryIdsAsync(new StatementFilter());

        Assert.True(stored!.Voided);
        Assert.DoesNotContain(target, ids);
        Assert.Contains(voiding, ids);
    }

    [Fact]
    public async Task A_voiding_statement_cannot_be_voided_and_the_attempt_stores_nothing()
    {
        var target = await StoreOneAsync(Simple());
        var voiding = await StoreOneAsync(Voiding(target));
        var second = Voiding(voiding);

        await Assert.ThrowsAsync<ValidationException>(() => Store.StoreAsync(_storeId, Batch(second), Ct));

        Assert.False((await Store.GetAsync(_storeId, voiding, Ct))!.Voided);
        Assert.Null(await Store.GetAsync(_storeId, second.Id, Ct));
    }

    [Fact]
    public async Task A_target_that_arrives_after_its_voiding_statement_is_stored_voided()
    {
        var target = Guid.NewGuid();
        await StoreOneAsync(Voiding(target));
        await StoreOneAsync(Simple(target));

        Assert.True((await Store.GetAsync(_storeId, target, Ct))!.Voided);
    }

    [Fact]
    public async Task Agent_and_verb_together_match_the_agent_as_actor_object_or_member_with_that_verb_only()
    {
        const string attempted = "http://adlnet.gov/expapi/verbs/attempted";
        var asActor = await StoreOneAsync(Simple(actor: "mailto:pat@example.com", verb: attempted));
        await StoreOneAsync(Simple(actor: "mailto:pat@example.com"));
        var asObject = await StoreOneAsync(Simple(verb: attempted, change: s => s["object"] = new JObject { ["objectType"] = "Agent", ["mbox"] = "mailto:pat@example.com" }));
        var asMember = await StoreOneAsync(Simple(verb: attempted, change: s => s["actor"] = JObject.Parse("""{"objectType":"Group","member":[{"mbox":"mailto:pat@example.com"},{"mbox":"mailto:sam@example.com"}]}""")));
        await StoreOneAsync(Simple(actor: "mailto:other@example.com", verb: attempted));
        await StoreOneAsync(Simple(verb: attempted, change: s => s["context"] = JObject.Parse("""{"instructor":{"mbox":"mailto:pat@example.com"}}""")));
        var pat = Ifi.KeyOf(JObject.Parse("""{"mbox":"mailto:pat@example.com"}"""));

        Assert.Equal([asMember, asObject, asActor], await QueryIdsAsync(new StatementFilter { Agent = pat, Verb = attempted }));
        Assert.Equal([asActor, asObject], await QueryIdsAsync(new StatementFilter { Agent = pat, Verb = attempted, Ascending = true, Limit = 2 }));
    }

    [Fact]
    public async Task The_agent_filter_matches_actor_object_and_group_members_but_not_context_agents()
    {
        var asActor = await StoreOneAsync(Simple(actor: "mailto:pat@example.com"));
        var asObject = await StoreOneAsync(Simple(change: s => s["object"] = new JObject { ["objectType"] = "Agent", ["mbox"] = "mailto:pat@example.com" }));
        var asMember = await StoreOneAsync(Simple(change: s => s["actor"] = JObject.Parse("""{"objectType":"Group","member":[{"mbox":"mailto:pat@example.com"},{"mbox":"mailto:sam@example.com"}]}""")));
        var asInstructor = await StoreOneAsync(Simple(change: s => s["context"] = JObject.Parse("""{"instructor":{"mbox":"mailto:pat@example.com"}}""")));
        await StoreOneAsync(Simple(actor: "mailto:other@example.com"));
        var pat = Ifi.KeyOf(JObject.Parse("""{"mbox":"mailto:pat@example.com"}"""));

        var plain = await QueryIdsAsync(new StatementFilter { Agent = pat });
        var related = await QueryIdsAsync(new StatementFilter { Agent = pat, RelatedAgents = true });

        Assert.Equal([asMember, asObject, asActor], plain);
        Assert.Equal([asInstructor, asMember, asObject, asActor], related);
    }

    [Fact]
    public async Task Related_agents_reach_authority_team_context_agents_and_sub_statements()
    {
        var team = await StoreOneAsync(Simple(change: s => s["context"] = JObject.Parse("""{"team":{"objectType":"Group","mbox":"mailto:team@example.com"}}""")));
        var contextAgent = await StoreOneAsync(Simple(change: s => s["context"] = JObject.Parse(
            """{"contextAgents":[{"objectType":"contextAgent","agent":{"mbox":"mailto:team@example.com"}}]}""")));
        var sub = await StoreOneAsync(Simple(change: s => s["object"] = JObject.Parse(
            """{"objectType":"SubStatement","actor":{"mbox":"mailto:team@example.com"},"verb":{"id":"http://example.com/v"},"object":{"id":"http://example.com/x"}}""")));
        var key = Ifi.KeyOf(JObject.Parse("""{"mbox":"mailto:team@example.com"}"""));
        var authorityKey = Ifi.KeyOf(Authority);

        var related = await QueryIdsAsync(new StatementFilter { Agent = key, RelatedAgents = true });
        var byAuthority = await QueryIdsAsync(new StatementFilter { Agent = authorityKey, RelatedAgents = true });

        Assert.Equal([sub, contextAgent, team], related);
        Assert.Equal(3, byAuthority.Count);
        Assert.Empty(await QueryIdsAsync(new StatementFilter { Agent = key }));
    }

    [Fact]
    public async Task Verb_activity_and_registration_filters_combine()
    {
        var registration = Guid.NewGuid();
        var match = await StoreOneAsync(Simple(verb: "http://example.com/verbs/asked", activity: "http://example.com/q/1",
            change: s => s["context"] = new JObject { ["registration"] = registration.ToString("D") }));
        await StoreOneAsync(Simple(verb: "http://example.com/verbs/asked", activity: "http://example.com/q/2",
            change: s => s["context"] = new JObject { ["registration"] = registration.ToString("D") }));
        await StoreOneAsync(Simple(verb: "http://example.com/verbs/answered", activity: "http://example.com/q/1"));

        var ids = await QueryIdsAsync(new StatementFilter
        {
            Verb = "http://example.com/verbs/asked",
            Activity = "http://example.com/q/1",
            Registration = registration,
        });

        Assert.Equal([match], ids);
        Assert.Empty(await QueryIdsAsync(new StatementFilter { Verb = "http://example.com/verbs/never-used" }));
    }

    [Fact]
    public async Task Related_activities_reach_context_activities_and_sub_statement_objects()
    {
        var inContext = await StoreOneAsync(Simple(change: s => s["context"] = JObject.Parse(
            """{"contextActivities":{"parent":{"id":"http://example.com/course"}}}""")));
        var inSub = await StoreOneAsync(Simple(change: s => s["object"] = JObject.Parse(
            """{"objectType":"SubStatement","actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://example.com/v"},"object":{"id":"http://example.com/course"}}""")));
        var direct = await StoreOneAsync(Simple(activity: "http://example.com/course"));

        Assert.Equal([direct], await QueryIdsAsync(new StatementFilter { Activity = "http://example.com/course" }));
        Assert.Equal([direct, inSub, inContext], await QueryIdsAsync(new StatementFilter { Activity = "http://example.com/course", RelatedActivities = true }));
    }

    [Fact]
    public async Task A_statement_about_another_statement_matches_the_filters_of_its_target()
    {
        var target = await StoreOneAsync(Simple(verb: "http://example.com/verbs/target-verb"));
        var reference = await StoreOneAsync(Simple(verb: "http://example.com/verbs/other",
            change: s => s["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = target.ToString("D") }));
        var voiding = await StoreOneAsync(Voiding(target));

        var ids = await QueryIdsAsync(new StatementFilter { Verb = "http://example.com/verbs/target-verb" });

        Assert.Equal([voiding, reference], ids);
    }

    [Fact]
    public async Task Results_come_newest_first_or_oldest_first_and_pages_continue_by_position()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await StoreOneAsync(Simple()));
        }

        var first = await Store.QueryAsync(_storeId, new StatementFilter { Limit = 3 }, Ct);
        var second = await Store.QueryAsync(_storeId, new StatementFilter { Limit = 3, Before = first.Statements[^1].Position }, Ct);
        var third = await Store.QueryAsync(_storeId, new StatementFilter { Limit = 3, Before = second.Statements[^1].Position }, Ct);
        var ascending = await QueryIdsAsync(new StatementFilter { Ascending = true, Limit = 2 });
        var ascendingNext = await Store.QueryAsync(_storeId, new StatementFilter { Ascending = true, Limit = 10, After = (await Store.GetAsync(_storeId, ids[1], Ct))!.Position }, Ct);

        ids.Reverse();
        Assert.True(first.HasMore);
        Assert.True(second.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal(ids, first.Statements.Concat(second.Statements).Concat(third.Statements).Select(s => s.Id));
        ids.Reverse();
        Assert.Equal(ids.Take(2), ascending);
        Assert.Equal(ids.Skip(2), ascendingNext.Statements.Select(s => s.Id));
    }

    [Fact]
    public async Task Since_is_exclusive_and_until_inclusive_on_stored()
    {
        var a = await StoreOneAsync(Simple());
        await Task.Delay(20, Ct);
        var b = await StoreOneAsync(Simple());
        await Task.Delay(20, Ct);
        var c = await StoreOneAsync(Simple());
        var storedB = (await Store.GetAsync(_storeId, b, Ct))!.Stored;

        Assert.Equal([c], await QueryIdsAsync(new StatementFilter { Since = storedB }));
        Assert.Equal([b, a], await QueryIdsAsync(new StatementFilter { Until = storedB }));
        Assert.Empty(await QueryIdsAsync(new StatementFilter { Until = storedB.AddYears(-10) }));
    }

    [Fact]
    public async Task The_authority_filter_keeps_only_statements_of_that_authority()
    {
        var mine = await StoreOneAsync(Simple());

        Assert.Equal([mine], await QueryIdsAsync(new StatementFilter { AuthorityKey = Ifi.KeyOf(Authority) }));
        Assert.Empty(await QueryIdsAsync(new StatementFilter { AuthorityKey = "mbox:mailto:someone-else@example.com" }));
    }

    [Fact]
    public async Task The_feed_lists_every_statement_in_order_with_stored_never_decreasing()
    {
        var writes = Enumerable.Range(0, 40).Select(_ => Simple()).ToList();
        await Task.WhenAll(writes.Select(s => Store.StoreAsync(_storeId, Batch(s), Ct)));
        await StoreOneAsync(Voiding(writes[0].Id));

        var feed = await Store.ReadFeedAsync(_storeId, 0, 100, Ct);
        var rest = await Store.ReadFeedAsync(_storeId, feed[9].Position, 100, Ct);

        Assert.Equal(41, feed.Count);
        Assert.Equal(writes.Select(w => w.Id).ToHashSet(), feed.Take(40).Select(s => s.Id).ToHashSet());
        for (var i = 1; i < feed.Count; i++)
        {
            Assert.True(feed[i].Position > feed[i - 1].Position);
            Assert.True(feed[i].Stored >= feed[i - 1].Stored);
        }

        Assert.Equal(feed.Skip(10).Select(s => s.Id), rest.Select(s => s.Id));
    }

    [Fact]
    public async Task Consistent_through_covers_every_acknowledged_write()
    {
        // Read right after each acknowledgement, many times: a store that answers its writers before it stops holding
        // Consistent-Through back for them is caught in the gap now and then (SQLite was, once, in a CI run).
        for (var i = 0; i < 100; i++)
        {
            var id = await StoreOneAsync(Simple());
            var consistentThrough = Store.ConsistentThrough;
            var stored = (await Store.GetAsync(_storeId, id, Ct))!.Stored;

            Assert.True(consistentThrough >= stored, $"write {i}: Consistent-Through {consistentThrough:O} is before its stored time {stored:O}");
        }
    }

    [Fact]
    public async Task Attachments_are_kept_by_hash_and_unknown_hashes_are_left_out()
    {
        var content = "hello attachment"u8.ToArray();
        var sha2 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await Store.StoreAsync(_storeId, new StatementBatch([Simple()], [new AttachmentContent(sha2, "text/plain", content)]), Ct);

        var found = await Store.GetAttachmentsAsync(_storeId, [sha2, new string('0', 64)], Ct);

        var attachment = Assert.Single(found);
        Assert.Equal("text/plain", attachment.ContentType);
        Assert.Equal(content, attachment.Content);
    }

    [Fact]
    public async Task An_activity_first_seen_many_activities_ago_still_finds_its_statements()
    {
        // More distinct activities than a store may keep key ids for in memory (SQLite keeps two generations of
        // 65,536), so the first one's id has aged out by the time it is used again.
        const string activity = "http://example.com/activities/first";
        var first = await StoreOneAsync(Simple(activity: activity));
        for (var b = 0; b < 135; b++)
        {
            var many = Enumerable.Range(0, 1000).Select(i => Simple(activity: $"http://example.com/activities/{b}-{i}")).ToArray();
            await Store.StoreAsync(_storeId, Batch(many), Ct);
        }

        var again = await StoreOneAsync(Simple(activity: activity));

        var ids = await QueryIdsAsync(new StatementFilter { Activity = activity });
        Assert.Equal([again, first], ids);
    }

    [Fact]
    public async Task Activity_definitions_merge_newest_first_per_property_and_per_language()
    {
        const string activity = "http://example.com/activities/merged";
        await StoreOneAsync(Simple(activity: activity, change: s => s["object"]!["definition"] = JObject.Parse(
            """{"name":{"en-US":"Old","fr":"Vieux"},"type":"http://example.com/types/a"}""")));
        await StoreOneAsync(Simple(activity: activity, change: s => s["object"]!["definition"] = JObject.Parse(
            """{"name":{"en-US":"New"},"description":{"en-US":"Desc"}}""")));

        var definition = await Store.GetActivityDefinitionAsync(_storeId, activity, Ct);

        Assert.NotNull(definition);
        Assert.Equal("New", (string?)definition["name"]!["en-US"]);
        Assert.Equal("Vieux", (string?)definition["name"]!["fr"]);
        Assert.Equal("http://example.com/types/a", (string?)definition["type"]);
        Assert.Equal("Desc", (string?)definition["description"]!["en-US"]);
        Assert.Null(await Store.GetActivityDefinitionAsync(_storeId, "http://example.com/activities/never", Ct));
    }

    [Fact]
    public async Task A_writer_without_define_scope_leaves_definitions_alone()
    {
        const string activity = "http://example.com/activities/undefined";
        var json = JObject.Parse("""{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://example.com/v"},"object":{"definition":{"name":{"en":"x"}}}}""");
        json["object"]!["id"] = activity;
        var statement = Prepare(json.ToString(), canDefine: false);
        await StoreOneAsync(statement);

        Assert.Null(await Store.GetActivityDefinitionAsync(_storeId, activity, Ct));
    }

    [Fact]
    public async Task Stores_do_not_see_each_other()
    {
        var id = await StoreOneAsync(Simple());
        var other = NewStoreId();

        Assert.Null(await Store.GetAsync(other, id, Ct));
        Assert.Empty((await Store.QueryAsync(other, new StatementFilter(), Ct)).Statements);
        Assert.Empty(await Store.ReadFeedAsync(other, 0, 10, Ct));
    }

    [Fact]
    public async Task Many_concurrent_batches_are_all_stored_with_distinct_positions()
    {
        var batches = Enumerable.Range(0, 30).Select(_ => Batch(Simple(), Simple(), Simple())).ToList();

        await Task.WhenAll(batches.Select(b => Store.StoreAsync(_storeId, b, Ct)));

        var feed = await Store.ReadFeedAsync(_storeId, 0, 1000, Ct);
        Assert.Equal(90, feed.Count);
        Assert.Equal(90, feed.Select(s => s.Position).Distinct().Count());
    }
}
