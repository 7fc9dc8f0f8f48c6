using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Projection;

/// <summary>
/// Once queries have run and none has for the idle period, or many rows were written and writing has paused, the DuckDB
/// instance is closed and opened again to hand back the memory left in it; the follower's writes and later queries go on
/// as before.
/// </summary>
public sealed class ProjectionReleaseTests
{
    private const string Store = ProjectionHarness.Store;
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Nothing_is_released_while_no_query_has_run()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Idle).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Thread.Sleep(Idle * 4);
        Assert.False(h.Projection.ReleaseIfIdle());
        Assert.Equal(0, h.Projection.Releases);
    }

    [Fact]
    public void After_queries_and_an_idle_period_the_instance_is_released_once_and_figures_and_writes_go_on()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Idle).With(On.Completion("ann", "2026-01-05T00:00:00Z"), On.Social("bob", "2026-01-06T00:00:00Z"));
        var before = h.Queries.Topic(Store, On.Topic, AsOf)!;

        WaitFor(() => h.Projection.Releases >= 1);
        Assert.Equal(before.Mix, h.Queries.Topic(Store, On.Topic, AsOf)!.Mix);

        // The follower writes through the reopened connection, and the next query sees it.
        h.With(On.Social("cat", "2026-01-07T00:00:00Z"));
        Assert.Equal(before.Mix.Social + 1, h.Queries.Topic(Store, On.Topic, AsOf)!.Mix.Social);
        Assert.Equal(3, h.Queries.Status(Store).Rows);

        // Those queries are owed a release of their own; with no query after it, there is no other.
        WaitFor(() => h.Projection.Releases >= 2);
        var released = h.Projection.Releases;
        Thread.Sleep(Idle * 4);
        Assert.Equal(released, h.Projection.Releases);
    }

    [Fact]
    public void Polling_the_status_is_not_a_query_and_owes_no_release()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Idle).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, h.Queries.Status(Store).Rows);
        }

        Thread.Sleep(Idle * 4);
        Assert.Equal(0, h.Projection.Releases);
    }

    [Fact]
    public void An_open_query_connection_holds_the_release_back_until_it_is_disposed()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Idle).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        var connection = h.Projection.OpenRead();
        Thread.Sleep(Idle * 4);
        Assert.False(h.Projection.ReleaseIfIdle());
        Assert.Equal(0, h.Projection.Releases);

        connection.Dispose();
        WaitFor(() => h.Projection.Releases == 1);
    }

    [Fact]
    public void A_grown_memory_limit_survives_the_release()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Idle).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Assert.True(h.Projection.GrowMemory(32));
        WaitFor(() => h.Projection.Releases == 1);
        Assert.Equal(64, h.Projection.MemoryLimitMb);
        using var connection = h.Projection.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        Assert.Equal("64.0 MiB", command.ExecuteScalar());
    }

    [Fact]
    public void After_a_catch_up_of_many_rows_the_instance_is_released_once_writing_pauses_without_any_query()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: TimeSpan.FromSeconds(2));
        h.Feed.Add(Enumerable.Range(0, AnalyticsProjection.RowsBeforeRelease).Select(i => On.Social("p" + (i % 50), "2026-01-05T00:00:00Z")).ToArray());
        h.CatchUp(pageSize: 1000);
        Assert.False(h.Projection.ReleaseIfIdle()); // writing has only just stopped
        WaitFor(() => h.Projection.Releases == 1);

        // Nothing more is owed: a few rows more do not add up to a catch-up.
        h.With(On.Social("ann", "2026-01-06T00:00:00Z"));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Equal(1, h.Projection.Releases);
        Assert.Equal(AnalyticsProjection.RowsBeforeRelease + 1, h.Queries.Status(Store).Rows);
    }

    [Fact]
    public void Once_caught_up_after_many_rows_the_instance_is_released_at_once_but_not_with_a_query_open_or_after_a_few_rows()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: TimeSpan.FromMinutes(10));
        h.Feed.Add(Enumerable.Range(0, AnalyticsProjection.RowsBeforeRelease).Select(i => On.Social("p" + (i % 50), "2026-01-05T00:00:00Z")).ToArray());
        h.CatchUp(pageSize: 1000);
        const int Taken = AnalyticsProjection.RowsBeforeRelease;
        using (h.Projection.OpenRead())
        {
            Assert.False(h.Projection.ReleaseAfterCatchUp(Taken)); // a query is open
        }

        Assert.True(h.Projection.ReleaseAfterCatchUp(Taken)); // no pause needed
        Assert.Equal(1, h.Projection.Releases);
        Assert.False(h.Projection.ReleaseAfterCatchUp(Taken)); // nothing written since

        // A few rows more are live traffic, not a catch-up; writes and queries go on through the reopened instance.
        h.With(On.Social("ann", "2026-01-06T00:00:00Z"));
        Assert.False(h.Projection.ReleaseAfterCatchUp(1));
        Assert.Equal(AnalyticsProjection.RowsBeforeRelease + 1, h.Queries.Status(Store).Rows);

        using var never = new ProjectionHarness(releaseWhenIdle: Timeout.InfiniteTimeSpan);
        never.Feed.Add(Enumerable.Range(0, AnalyticsProjection.RowsBeforeRelease).Select(i => On.Social("p" + (i % 50), "2026-01-05T00:00:00Z")).ToArray());
        never.CatchUp(pageSize: 1000);
        Assert.False(never.Projection.ReleaseAfterCatchUp(Taken));
    }

    [Fact]
    public void A_projection_opened_to_never_release_does_not()
    {
        using var h = new ProjectionHarness(releaseWhenIdle: Timeout.InfiniteTimeSpan).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Assert.Equal(1, h.Queries.Status(Store).Rows);
        Thread.Sleep(Idle * 3);
        Assert.Equal(0, h.Projection.Releases);
    }

    [Fact]
    public void The_default_idle_period_outlasts_the_pauses_of_a_dashboard_session()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), AnalyticsProjection.DefaultReleaseWhenIdle);
        using var h = new ProjectionHarness(AnalyticsRules.Default).With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Assert.Equal(1, h.Queries.Status(Store).Rows);
        Assert.False(h.Projection.ReleaseIfIdle()); // the query just ended
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the projection was not released within 10 s");
            Thread.Sleep(20);
        }
    }
}
