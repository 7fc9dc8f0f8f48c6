using Lrs.Analytics.Feed;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Feed;

/// <summary>How a catch-up pages through a feed that keeps growing while it reads.</summary>
public sealed class FeedFollowerTests
{
    private const string Store = ProjectionHarness.Store;

    [Fact]
    public async Task A_catch_up_ends_at_the_page_that_reached_the_end_though_statements_keep_arriving()
    {
        using var h = new ProjectionHarness();
        h.Feed.Add(On.Social("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-05T00:00:00Z"), On.Social("cat", "2026-01-05T00:00:00Z"));
        var live = new GrowingFeed(h.Feed);
        var follower = new FeedFollower(live, h.Projection, h.Rules, Store, pageSize: 2);

        // Pages of 2. The first is full: read on. By then a statement has arrived, so the second is full too (cat and
        // the newcomer) but reaches the end: stop, although another arrived after it. Reading on until a page came back
        // empty took a page of one or two after every write while statements kept coming.
        Assert.Equal(4, await follower.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, live.Reads);
        Assert.Equal(4, h.Queries.Status(Store).Rows);

        // The next catch-up takes what arrived meanwhile.
        Assert.Equal(1, await follower.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, live.Reads);
        Assert.Equal(5, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public async Task A_catch_up_reads_on_through_full_pages_until_one_reaches_the_end()
    {
        using var h = new ProjectionHarness();
        for (var i = 0; i < 7; i++)
        {
            h.Feed.Add(On.Social("learner" + i, "2026-01-05T00:00:00Z"));
        }

        Assert.Equal(7, await new FeedFollower(h.Feed, h.Projection, h.Rules, Store, pageSize: 2).CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["0", "2", "4", "6"], h.Feed.CursorsAsked.Select(c => c ?? "0"));
        Assert.Equal(7, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public async Task Pages_read_in_a_row_are_written_together_up_to_the_limit()
    {
        using var h = new ProjectionHarness();
        for (var i = 0; i < 7; i++)
        {
            h.Feed.Add(On.Social("learner" + i, "2026-01-05T00:00:00Z"));
        }

        // Pages of 2: four pages, the last reaching the end. Three pages a write: one write of six, then one of one.
        var follower = new FeedFollower(h.Feed, h.Projection, h.Rules, Store, pageSize: 2, pagesPerWrite: 3);
        Assert.Equal(7, await follower.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, follower.Writes);
        Assert.Equal(7, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public void Pages_written_together_project_exactly_what_pages_written_one_by_one_do()
    {
        // A generated organisation has every class, questions and answers, names that recur and voided statements
        // whose voiding statement comes pages later: within one write of several pages and across writes.
        var statements = Lrs.Analytics.Generator.OrganisationGenerator.Generate(GeneratorOptions).ToArray();
        using var single = new ProjectionHarness();
        single.Feed.Add(statements);
        single.CatchUp(pageSize: 7, pagesPerWrite: 1);
        using var together = new ProjectionHarness();
        together.Feed.Add(statements);
        together.CatchUp(pageSize: 7, pagesPerWrite: 5);

        var asOf = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(single.Queries.Status(Store).Rows, together.Queries.Status(Store).Rows);
        Assert.True(single.Queries.Status(Store).Rows > 100);
        Assert.Equal(Json(single.Queries.Topics(Store)), Json(together.Queries.Topics(Store)));
        Assert.Equal(Json(single.Queries.Weekly(Store, null)), Json(together.Queries.Weekly(Store, null)));
        Assert.Equal(Json(single.Queries.Ranking(Store, 50)), Json(together.Queries.Ranking(Store, 50)));
        foreach (var topic in single.Queries.Topics(Store).Topics)
        {
            Assert.Equal(Json(single.Queries.Topic(Store, topic.Topic, asOf)), Json(together.Queries.Topic(Store, topic.Topic, asOf)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_statement_voided_a_page_later_in_the_same_write_is_dropped(int pagesPerWrite)
    {
        using var h = new ProjectionHarness();
        var completion = On.Completion("ann", "2026-01-05T00:00:00Z");
        h.Feed.Add(completion, On.Social("bob", "2026-01-05T00:00:00Z"));

        // The first page is read before the voiding statement is stored, so the feed hands the completion over as a
        // live statement: its row goes, with the voiding statement, in the write of the pages after it or in the same.
        var feed = new AddAfterFirstRead(h.Feed, Stmt.By("ann").Voiding(completion.Id).At("2026-01-06T00:00:00Z"), On.Social("cat", "2026-01-06T00:00:00Z"), On.Social("dan", "2026-01-06T00:00:00Z"));
        var follower = new FeedFollower(feed, h.Projection, h.Rules, Store, pageSize: 2, pagesPerWrite: pagesPerWrite);
        Assert.Equal(5, await follower.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(pagesPerWrite == 1 ? 3 : 1, follower.Writes);
        Assert.Equal(3, h.Queries.Status(Store).Rows); // bob, cat and dan
        Assert.Equal(0, h.Queries.Topic(Store, On.Topic, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc))!.Completers);
    }

    /// <summary>A feed that is given more statements right after its first read.</summary>
    private sealed class AddAfterFirstRead(ListFeed inner, params Stmt[] later) : IStatementFeed
    {
        private bool _added;

        public string Name => inner.Name;

        public async Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
        {
            var page = await inner.ReadAsync(cursor, max, cancellationToken);
            if (_added)
            {
                return page;
            }

            _added = true;
            inner.Add(later);
            return page with { HasMore = true };
        }

        public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
            inner.GetActivityDefinitionAsync(activityId, cancellationToken);
    }

    private static readonly Lrs.Analytics.Generator.GeneratorOptions GeneratorOptions = new() { Seed = 7, Learners = 40, Courses = 2, Weeks = 10 };

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Forgotten_caches_are_filled_again_and_nothing_projected_changes()
    {
        using var h = new ProjectionHarness();
        h.Feed.Definitions[On.Topic] = new JObject { ["type"] = Iri.Cmi5Course, ["name"] = new JObject { ["en-US"] = "Safety at work" } };
        var feed = new CountingFeed(h.Feed);
        var follower = new FeedFollower(feed, h.Projection, h.Rules, Store, pageSize: 2);
        var ct = TestContext.Current.CancellationToken;

        h.Feed.Add(Stmt.By("ann").Did(Iri.Completed).OnActivity(On.Topic).At("2026-01-05T00:00:00Z"));
        await follower.CatchUpAsync(ct);
        h.Feed.Add(Stmt.By("bob").Did(Iri.Completed).OnActivity(On.Topic).At("2026-01-06T00:00:00Z"));
        await follower.CatchUpAsync(ct);
        Assert.Equal(1, feed.Lookups); // the course's definition is remembered

        follower.ForgetCaches();
        h.Feed.Add(Stmt.By("cat").Did(Iri.Completed).OnActivity(On.Topic).At("2026-01-07T00:00:00Z"));
        await follower.CatchUpAsync(ct);

        // Asked again, and the third completion is typed from it like the first two: a formal completion of the course,
        // which keeps its name.
        Assert.Equal(2, feed.Lookups);
        var report = h.Queries.Topic(Store, On.Topic, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc))!;
        Assert.Equal(("Safety at work", 3L, 3L), (report.Name, report.Mix.Formal, report.Completers));
    }

    /// <summary>A feed that counts the definitions asked of it.</summary>
    private sealed class CountingFeed(ListFeed inner) : IStatementFeed
    {
        public int Lookups { get; private set; }

        public string Name => inner.Name;

        public Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken) => inner.ReadAsync(cursor, max, cancellationToken);

        public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken)
        {
            Lookups++;
            return inner.GetActivityDefinitionAsync(activityId, cancellationToken);
        }
    }

    /// <summary>
    /// A feed that gets a new statement after each of its first ten reads, as the LRS's does under a stream of single
    /// POSTs (ten, so that a follower that reads on until a page is empty fails the test instead of never ending).
    /// </summary>
    private sealed class GrowingFeed(ListFeed inner) : IStatementFeed
    {
        private int _added;

        public int Reads { get; private set; }

        public string Name => inner.Name;

        public async Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
        {
            var page = await inner.ReadAsync(cursor, max, cancellationToken);
            Reads++;
            if (_added < 10)
            {
                inner.Add(On.Social("late" + _added++, "2026-01-06T00:00:00Z"));
            }

            return page;
        }

        public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
            inner.GetActivityDefinitionAsync(activityId, cancellationToken);
    }
}
