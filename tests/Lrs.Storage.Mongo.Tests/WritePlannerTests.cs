using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;
using static Lrs.Storage.ContractTests.Statements;

namespace Lrs.Storage.Mongo.Tests;

/// <summary>
/// The decisions of a group commit, against an in-memory database: the rules the contract tests check end to end,
/// here without a server, including what happens when several batches share one transaction.
/// </summary>
public sealed class WritePlannerTests
{
    private const string Store = "s1";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123);
    private readonly MemoryLookup _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<WritePlan> PlanAsync(params StatementBatch[] batches) =>
        WritePlanner.PlanAsync(batches.Select(b => (Store, b)).ToList(), _db, 100, Now, Ct);

    private void Hold(StatementToStore s, bool voiding = false) =>
        _db.Statements[(Store, s.Id)] = new HeldStatement(StatementStamp.Apply(s.Json, Now.AddMinutes(-1), s.NeedsTimestamp), voiding);

    [Fact]
    public async Task Statements_get_consecutive_positions_after_the_counter_and_one_stored_instant()
    {
        var plan = await PlanAsync(Batch(Simple(), Simple()), Batch(Simple()));

        Assert.Equal([101L, 102L, 103L], plan.Inserts.Select(i => i.Position));
        Assert.Equal(103, plan.LastPosition);
        Assert.All(plan.Inserts, i => Assert.Equal(Now, i.Stored));
        Assert.Empty(plan.Failures);
    }

    [Fact]
    public async Task The_json_is_stamped_with_stored_and_with_timestamp_only_when_the_statement_had_none()
    {
        var plain = Simple();
        var timed = Simple(change: s => s["timestamp"] = "2020-02-03T04:05:06.789Z");

        var plan = await PlanAsync(Batch(plain, timed));

        var first = (JObject)XapiJson.Parse(plan.Inserts[0].Json);
        var second = (JObject)XapiJson.Parse(plan.Inserts[1].Json);
        Assert.Equal("2025-06-15T15:06:40.123Z", (string?)first["stored"]);
        Assert.Equal((string?)first["stored"], (string?)first["timestamp"]);
        Assert.Equal("2020-02-03T04:05:06.789Z", (string?)second["timestamp"]);
    }

    [Fact]
    public async Task A_conflicting_batch_is_refused_whole_and_the_batches_around_it_keep_their_positions_in_order()
    {
        var taken = Simple(verb: "http://example.com/verbs/one");
        Hold(taken);
        var before = Simple();
        var innocent = Simple();
        var after = Simple();

        var plan = await PlanAsync(Batch(before), Batch(innocent, Simple(taken.Id, verb: "http://example.com/verbs/two")), Batch(after));

        Assert.IsType<ConflictException>(plan.Failures[1]);
        Assert.Equal([before.Id, after.Id], plan.Inserts.Select(i => i.Id));
        Assert.Equal([101L, 102L], plan.Inserts.Select(i => i.Position));
    }

    [Fact]
    public async Task The_same_statement_again_is_skipped_whether_stored_or_earlier_in_the_group()
    {
        var stored = Simple();
        Hold(stored);
        var fresh = Simple();

        var plan = await PlanAsync(Batch(Simple(stored.Id), fresh), Batch(Simple(fresh.Id)));

        Assert.Equal([fresh.Id], plan.Inserts.Select(i => i.Id));
        Assert.Empty(plan.Failures);
    }

    [Fact]
    public async Task Voiding_a_stored_statement_marks_it_and_records_the_void()
    {
        var target = Simple();
        Hold(target);
        var voiding = Voiding(target.Id);

        var plan = await PlanAsync(Batch(voiding));

        Assert.Equal([(Store, target.Id)], plan.MarkVoided);
        Assert.Equal([new VoidRecord(Store, target.Id, voiding.Id)], plan.Voids);
        Assert.True(Assert.Single(plan.Inserts).Voiding);
    }

    [Fact]
    public async Task Voiding_a_statement_of_an_earlier_batch_in_the_group_inserts_it_voided()
    {
        var target = Simple();

        var plan = await PlanAsync(Batch(target), Batch(Voiding(target.Id)));

        Assert.True(plan.Inserts.Single(i => i.Id == target.Id).Voided);
        Assert.Empty(plan.MarkVoided);
    }

    [Fact]
    public async Task A_refused_batch_leaves_no_trace_of_its_voids_definitions_or_attachments()
    {
        var target = Simple();
        var taken = Simple();
        Hold(taken);
        var refused = new StatementBatch(
            [Voiding(target.Id), Simple(activity: "http://example.com/defined", change: s => s["object"]!["definition"] = JObject.Parse("""{"name":{"en":"x"}}""")), Simple(taken.Id, verb: "http://example.com/verbs/other")],
            [new AttachmentContent(new string('d', 64), "text/plain", [1])]);

        var plan = await PlanAsync(Batch(target), refused);

        Assert.False(Assert.Single(plan.Inserts).Voided);
        Assert.Empty(plan.Voids);
        Assert.Empty(plan.Definitions);
        Assert.Empty(plan.Attachments);
        Assert.IsType<ConflictException>(plan.Failures[1]);
    }

    [Fact]
    public async Task Voiding_a_voiding_statement_refuses_the_batch_whether_stored_or_in_the_group()
    {
        var storedVoider = Voiding(Guid.NewGuid());
        Hold(storedVoider, voiding: true);
        var groupVoider = Voiding(Guid.NewGuid());

        var plan = await PlanAsync(Batch(Voiding(storedVoider.Id)), Batch(groupVoider), Batch(Voiding(groupVoider.Id)));

        Assert.Equal("object.id", Assert.IsType<ValidationException>(plan.Failures[0]).Path);
        Assert.IsType<ValidationException>(plan.Failures[2]);
        Assert.Equal([groupVoider.Id], plan.Inserts.Select(i => i.Id));
    }

    [Fact]
    public async Task A_target_that_arrives_after_its_voiding_statement_is_inserted_voided()
    {
        var lateTarget = Simple();
        _db.VoidTargets.Add((Store, lateTarget.Id));
        var inGroupTarget = Simple();

        var plan = await PlanAsync(Batch(lateTarget), Batch(Voiding(inGroupTarget.Id)), Batch(inGroupTarget));

        Assert.True(plan.Inserts.Single(i => i.Id == lateTarget.Id).Voided);
        Assert.True(plan.Inserts.Single(i => i.Id == inGroupTarget.Id).Voided);
    }

    [Fact]
    public async Task A_statement_ref_matches_the_filters_of_its_stored_target_agent_with_verb_included()
    {
        var target = Simple(actor: "mailto:pat@example.com", verb: "http://example.com/verbs/asked", activity: "http://example.com/q/1");
        Hold(target);
        var reference = Simple(actor: "mailto:sam@example.com", verb: "http://example.com/verbs/liked",
            change: s => s["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = target.Id.ToString("D") });

        var plan = await PlanAsync(Batch(reference));

        var keys = Assert.Single(plan.Inserts).Keys;
        Assert.Equal(["mbox:mailto:sam@example.com", "mbox:mailto:pat@example.com"], keys.Agents);
        Assert.Equal(["http://example.com/verbs/liked", "http://example.com/verbs/asked"], keys.Verbs);
        Assert.Equal(["http://example.com/q/1"], keys.Activities);
        Assert.Contains(StatementKeys.AgentVerb("mbox:mailto:pat@example.com", "http://example.com/verbs/asked"), keys.AgentVerbs());
    }

    [Fact]
    public async Task A_statement_ref_to_an_unknown_statement_keeps_its_own_values()
    {
        var reference = Simple(change: s => s["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = Guid.NewGuid().ToString("D") });

        var plan = await PlanAsync(Batch(reference));

        var keys = Assert.Single(plan.Inserts).Keys;
        Assert.Equal(reference.Index.Agents, keys.Agents);
        Assert.Equal([reference.Index.Verb], keys.Verbs);
        Assert.Equal(reference.Index.RelatedAgents, keys.RelatedAgents);
        Assert.Empty(keys.Activities);
    }

    [Fact]
    public async Task Definitions_merge_over_the_stored_one_in_statement_order()
    {
        const string activity = "http://example.com/activities/merged";
        _db.Definitions[(Store, activity)] = """{"name":{"en-US":"Stored","fr":"Vieux"}}""";

        var plan = await PlanAsync(
            Batch(Simple(activity: activity, change: s => s["object"]!["definition"] = JObject.Parse("""{"name":{"en-US":"First"}}"""))),
            Batch(Simple(activity: activity, change: s => s["object"]!["definition"] = JObject.Parse("""{"name":{"en-US":"Second"},"type":"http://example.com/t"}"""))));

        var merged = JObject.Parse(plan.Definitions[(Store, activity)]);
        Assert.Equal("Second", (string?)merged["name"]!["en-US"]);
        Assert.Equal("Vieux", (string?)merged["name"]!["fr"]);
        Assert.Equal("http://example.com/t", (string?)merged["type"]);
    }

    [Fact]
    public async Task An_attachment_already_held_or_sent_twice_is_written_once()
    {
        _db.Attachments.Add((Store, new string('e', 64)));
        var held = new AttachmentContent(new string('e', 64), "text/plain", [1]);
        var fresh = new AttachmentContent(new string('f', 64), "text/plain", [2]);

        var plan = await PlanAsync(new StatementBatch([Simple()], [held, fresh]), new StatementBatch([Simple()], [fresh]));

        Assert.Equal([fresh.Sha2], plan.Attachments.Select(a => a.Attachment.Sha2));
    }

    [Fact]
    public async Task The_authority_and_voiding_flag_are_carried_to_the_document()
    {
        var voiding = Voiding(Guid.NewGuid());

        var plan = await PlanAsync(Batch(voiding));

        var doc = Assert.Single(plan.Inserts);
        Assert.Equal(voiding.AuthorityKey, doc.Authority);
        Assert.NotNull(doc.Authority);
        Assert.True(doc.Voiding);
        Assert.False(doc.Voided);
    }

    [Fact]
    public void Stored_moves_past_the_last_transaction_when_the_clock_lags_and_follows_it_otherwise()
    {
        Assert.Equal(1_001, FeedCounter.NextStoredMs(nowMs: 900, lastStoredMs: 1_000));
        Assert.Equal(1_001, FeedCounter.NextStoredMs(nowMs: 1_000, lastStoredMs: 1_000));
        Assert.Equal(5_000, FeedCounter.NextStoredMs(nowMs: 5_000, lastStoredMs: 1_000));
    }
}
