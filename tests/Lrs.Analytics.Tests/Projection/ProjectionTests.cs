using Lrs.Analytics.Feed;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Projection;

/// <summary>The projection follows the feed incrementally, survives restarts, rebuilds, and keeps voided statements out.</summary>
public sealed class ProjectionTests
{
    private const string Store = ProjectionHarness.Store;
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_catch_up_reads_only_what_came_after_the_checkpoint()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-05T00:00:00Z"), On.Social("cat", "2026-01-05T00:00:00Z"));
        Assert.Equal(3, h.Queries.Status(Store).Rows);
        h.With(On.Social("dan", "2026-01-06T00:00:00Z"), On.Social("eve", "2026-01-06T00:00:00Z"));
        // 3 + 2 rows, and the feed handed each statement over once.
        Assert.Equal(5, h.Queries.Status(Store).Rows);
        Assert.Equal(5, h.Feed.Handed);
        Assert.Equal("5", h.Queries.Status(Store).Cursor);
    }

    [Fact]
    public void The_status_kept_in_memory_moves_with_each_write_to_what_the_file_holds()
    {
        var completion = On.Completion("ann", "2026-01-05T00:00:00Z");
        using var h = new ProjectionHarness().With(completion, On.Social("bob", "2026-01-06T00:00:00Z"));
        Assert.Equal(2, h.Queries.Status(Store).Rows); // read from the file once, then kept

        // A row more, and one less for the voided completion.
        h.With(On.Social("cat", "2026-01-06T00:00:00Z"), Stmt.By("ann").Voiding(completion.Id).At("2026-01-07T00:00:00Z"));
        var kept = h.Queries.Status(Store);
        Assert.Equal(2, kept.Rows);
        Assert.Equal("4", kept.Cursor);

        h.Reopen(); // a new instance reads the file
        Assert.Equal(kept, h.Queries.Status(Store));

        h.Projection.Reset();
        Assert.Equal(0, h.Queries.Status(Store).Rows);
        Assert.Null(h.Queries.Status(Store).Cursor);
    }

    [Fact]
    public void A_restarted_projection_continues_from_its_checkpoint()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-05T00:00:00Z"), On.Social("cat", "2026-01-05T00:00:00Z"));
        h.Reopen();
        h.Feed.CursorsAsked.Clear();
        h.With(On.Social("dan", "2026-01-06T00:00:00Z"));
        Assert.Equal("3", h.Feed.CursorsAsked[0]);
        Assert.Equal(4, h.Queries.Topic(Store, On.Topic, AsOf)!.Mix.Social);
    }

    [Fact]
    public void A_rebuild_replays_the_feed_to_the_same_figures()
    {
        using var h = new ProjectionHarness().With(On.Completion("ann", "2026-01-05T00:00:00Z"), On.Social("ann", "2026-01-06T00:00:00Z"), On.Ask("bob", "http://forum/q/01", "2026-01-06T00:00:00Z"));
        var before = System.Text.Json.JsonSerializer.Serialize(h.Queries.Topic(Store, On.Topic, AsOf));
        h.Projection.Reset();
        Assert.Equal(0, h.Queries.Status(Store).Rows);
        h.CatchUp();
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(h.Queries.Topic(Store, On.Topic, AsOf)));
    }

    [Fact]
    public void A_statement_voided_later_leaves_every_figure_and_the_voiding_statement_adds_none()
    {
        var completion = On.Completion("ann", "2026-01-05T00:00:00Z");
        using var h = new ProjectionHarness().With(completion, On.Social("bob", "2026-01-06T00:00:00Z"));
        Assert.Equal(1, h.Queries.Topic(Store, On.Topic, AsOf)!.Completers);
        h.With(Stmt.By("ann").Voiding(completion.Id).At("2026-01-07T00:00:00Z"));
        var report = h.Queries.Topic(Store, On.Topic, AsOf)!;
        // The completion is gone; the voiding statement (a system verb) is not counted as system either.
        Assert.Equal(0, report.Completers);
        Assert.Equal(new(0, 1, 0, 0), report.Mix);
        Assert.Equal(1, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public void Weekly_counts_follow_rows_voided_later_exactly()
    {
        // Unfiltered figures read weekly_counts, kept as rows come and go; a range covering everything reads the rows.
        var alone = On.Completion("ann", "2026-01-05T00:00:00Z"); // the only statement of its week
        var answer = On.Answer("bob", "http://forum/q/01", "2026-01-20T00:00:00Z");
        using var h = new ProjectionHarness().With(
            alone,
            On.Ask("cat", "http://forum/q/01", "2026-01-13T00:00:00Z"),
            answer,
            On.Social("dan", "2026-01-21T00:00:00Z", "http://lms/courses/other"),
            Stmt.By("eve").Did(Iri.Completed).OnActivity("http://example.org/untopical").At("2026-01-22T00:00:00Z"));
        h.With(Stmt.By("ann").Voiding(alone.Id).At("2026-02-02T00:00:00Z"), Stmt.By("bob").Voiding(answer.Id).At("2026-02-02T00:00:00Z"));
        var all = new AnalyticsFilter(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var q = h.Queries;
        Assert.Equal(Json(q.Weekly(Store, null, all)), Json(q.Weekly(Store, null)));
        Assert.Equal(Json(q.Weekly(Store, On.Topic, all)), Json(q.Weekly(Store, On.Topic)));
        Assert.Equal(Json(q.Topics(Store, all)), Json(q.Topics(Store)));
        Assert.Equal(Json(q.Ranking(Store, 10, all)), Json(q.Ranking(Store, 10)));

        // The voided completion's week is gone from the series, the answer from its week, and the topic has no completer.
        var weeks = q.Weekly(Store, null).Weeks;
        Assert.Equal(["2026-W03", "2026-W04"], weeks.Select(w => w.Week));
        Assert.Equal([1L, 1L], weeks.Select(w => w.Social));
        Assert.Equal([0L, 1L], weeks.Select(w => w.Formal + w.Experiential));
        var topic = q.Topics(Store).Topics.Single(t => t.Topic == On.Topic);
        Assert.Equal((0L, 1L, 0L), (topic.Formal, topic.Social, topic.Completers));
    }

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public void A_statement_the_feed_flags_voided_never_enters()
    {
        var completion = On.Completion("ann", "2026-01-05T00:00:00Z");
        using var h = new ProjectionHarness();
        // Both stored before the projection reads: the feed hands the target over already flagged.
        h.Feed.Add(completion, Stmt.By("ann").Voiding(completion.Id));
        h.CatchUp();
        Assert.Equal(0, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public async Task A_target_that_arrives_after_its_voiding_statement_is_dropped()
    {
        // A remote LRS does not flag voided statements: the projection remembers what was voided.
        var completion = On.Completion("ann", "2026-01-05T00:00:00Z");
        using var h = new ProjectionHarness();
        var feed = new UnflaggedFeed(h.Feed);
        h.Feed.Add(Stmt.By("ann").Voiding(completion.Id));
        await new FeedFollower(feed, h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        h.Feed.Add(completion, On.Social("bob", "2026-01-06T00:00:00Z"));
        await new FeedFollower(feed, h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, h.Queries.Status(Store).Rows);
        Assert.Equal(0, h.Queries.Topic(Store, On.Topic, AsOf)!.Completers);
    }

    [Fact]
    public async Task A_repeating_feed_does_not_count_a_statement_twice()
    {
        using var h = new ProjectionHarness();
        h.Feed.Add(On.Social("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-05T00:00:00Z"));
        await new FeedFollower(new UnflaggedFeed(h.Feed), h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        h.Feed.Add(On.Social("cat", "2026-01-05T00:00:00Z"));
        // After a restart the feed hands bob's statement over again, then cat's.
        await new FeedFollower(new UnflaggedFeed(h.Feed, repeatOnce: true), h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public void Changed_rules_empty_the_projection_at_open_and_the_rebuild_classifies_by_the_new_rules()
    {
        const string pinged = "http://example.org/verbs/pinged";
        using var h = new ProjectionHarness().With(Stmt.By("ann").Did(pinged).OnAgent("bob").Category(Stmt.Activity(On.Topic)).At("2026-01-05T00:00:00Z"));
        Assert.Equal(new(0, 0, 1, 0), h.Queries.Topic(Store, On.Topic, AsOf)!.Mix);

        h.Reopen(AnalyticsRules.Parse("""{"social": {"verbs": ["http://example.org/verbs/pinged"]}}""", null));
        Assert.True(h.Projection.ResetForRules);
        Assert.Equal(0, h.Queries.Status(Store).Rows);
        h.CatchUp();
        Assert.Equal(new(0, 1, 0, 0), h.Queries.Topic(Store, On.Topic, AsOf)!.Mix);
    }

    [Fact]
    public void The_same_rules_keep_the_projection_at_open()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        h.Reopen();
        Assert.False(h.Projection.ResetForRules);
        Assert.Equal(1, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public void A_course_named_by_id_only_is_typed_and_named_from_the_definition_the_lrs_holds()
    {
        using var h = new ProjectionHarness();
        h.Feed.Definitions[On.Topic] = new JObject { ["type"] = Iri.Cmi5Course, ["name"] = new JObject { ["en-US"] = "Safety at work" } };
        h.With(Stmt.By("ann").Did(Iri.Completed).OnActivity(On.Topic).At("2026-01-05T00:00:00Z"));
        var report = h.Queries.Topic(Store, On.Topic, AsOf)!;
        Assert.Equal(("Safety at work", 1L, 1L), (report.Name, report.Mix.Formal, report.Completers));
    }

    [Fact]
    public async Task A_store_followed_from_another_feed_starts_over()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-05T00:00:00Z"));
        var other = new ListFeed("another-lrs").Add(On.Social("cat", "2026-01-05T00:00:00Z"));
        await new FeedFollower(other, h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1L, "another-lrs"), (h.Queries.Status(Store).Rows, h.Queries.Status(Store).Source));
    }

    [Fact]
    public async Task Stores_are_kept_apart()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        var tenant = new ListFeed("tenant-b").Add(On.Social("bob", "2026-01-05T00:00:00Z"), On.Social("cat", "2026-01-05T00:00:00Z"));
        await new FeedFollower(tenant, h.Projection, h.Rules, "tenant-b").CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, h.Queries.Topic(Store, On.Topic, AsOf)!.Mix.Social);
        Assert.Equal(2, h.Queries.Topic("tenant-b", On.Topic, AsOf)!.Mix.Social);
    }

    /// <summary>A feed like a remote LRS's: voided statements are not flagged and, after a restart, the last one may come again.</summary>
    private sealed class UnflaggedFeed(ListFeed inner, bool repeatOnce = false) : IStatementFeed
    {
        private bool _repeated;

        public string Name => inner.Name;

        public async Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
        {
            var from = cursor;
            if (repeatOnce && !_repeated && cursor is not null && cursor != "0")
            {
                from = (int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _repeated = true;
            }

            var page = await inner.ReadAsync(from, max, cancellationToken);
            return page with { Statements = page.Statements.Select(s => s with { Voided = false }).ToList(), MayRepeat = true };
        }

        public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
            inner.GetActivityDefinitionAsync(activityId, cancellationToken);
    }
}
