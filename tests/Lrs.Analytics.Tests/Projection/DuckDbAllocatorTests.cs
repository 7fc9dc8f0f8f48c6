using Lrs.Analytics.Projection;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Projection;

/// <summary>The allocator's settings belong to the process: these tests run alone, so no other test's queries count.</summary>
[CollectionDefinition(nameof(DuckDbAllocatorCollection), DisableParallelization = true)]
public sealed class DuckDbAllocatorCollection;

/// <summary>
/// DuckDB's freed pages are kept for reuse while a query runs and handed back once the last one has ended; between
/// the small writes of live traffic they are kept a second.
/// </summary>
[Collection(nameof(DuckDbAllocatorCollection))]
public sealed class DuckDbAllocatorTests
{
    [Fact]
    public void Pages_are_handed_back_at_once_between_queries_and_kept_while_one_runs()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("DuckDB's builds carry their own jemalloc on Linux only");
        }

        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        WaitFor(() => DuckDbAllocator.ReturningAtOnce);
        Assert.Equal(0, DuckDbAllocator.FirstArenaDirtyDecayMs);

        var first = h.Projection.OpenRead();
        var second = h.Projection.OpenRead();
        Assert.False(DuckDbAllocator.ReturningAtOnce);
        Assert.True(DuckDbAllocator.FirstArenaDirtyDecayMs > 0);
        var purges = DuckDbAllocator.Purges;

        first.Dispose();
        Thread.Sleep(300);
        Assert.False(DuckDbAllocator.ReturningAtOnce); // the second query still runs
        Assert.Equal(purges, DuckDbAllocator.Purges);

        second.Dispose();
        WaitFor(() => DuckDbAllocator.ReturningAtOnce && DuckDbAllocator.Purges > purges);
        Assert.Equal(0, DuckDbAllocator.FirstArenaDirtyDecayMs);

        // Writes and queries go on as before.
        h.With(On.Social("bob", "2026-01-06T00:00:00Z"));
        Assert.Equal(2, h.Queries.Status(ProjectionHarness.Store).Rows);
        WaitFor(() => DuckDbAllocator.ReturningAtOnce);
    }

    [Fact]
    public void Between_small_writes_freed_pages_are_kept_and_a_large_write_or_a_pause_hands_them_back()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("DuckDB's builds carry their own jemalloc on Linux only");
        }

        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        WaitFor(() => DuckDbAllocator.ReturningAtOnce);

        // A write of live traffic (through the projection) starts keeping freed pages for the next one. Its state is
        // read after a trickle write made here: the projection's write (a follower, a DuckDB transaction) took more
        // than the grace period on a loaded CI machine, and its kept pages had rightly gone back before the assert.
        var trickles = DuckDbAllocator.TrickleStarts;
        h.With(On.Social("bob", "2026-01-06T00:00:00Z"));
        Assert.Equal(trickles + 1, DuckDbAllocator.TrickleStarts);
        DuckDbAllocator.WriteStarting(1);
        Assert.False(DuckDbAllocator.ReturningAtOnce);
        Assert.Equal((long)DuckDbAllocator.TrickleDecay.TotalMilliseconds, DuckDbAllocator.FirstArenaDirtyDecayMs);

        // Writes stop: after the grace period everything goes back.
        var purges = DuckDbAllocator.Purges;
        WaitFor(() => DuckDbAllocator.ReturningAtOnce && DuckDbAllocator.Purges > purges);
        Assert.Equal(0, DuckDbAllocator.FirstArenaDirtyDecayMs);

        // A large write hands back what the trickle kept before it starts, and frees its own at once.
        DuckDbAllocator.WriteStarting(1);
        Assert.False(DuckDbAllocator.ReturningAtOnce);
        purges = DuckDbAllocator.Purges;
        DuckDbAllocator.WriteStarting(DuckDbAllocator.TrickleRows);
        Assert.True(DuckDbAllocator.ReturningAtOnce);
        Assert.Equal(purges + 1, DuckDbAllocator.Purges);
        Assert.Equal(0, DuckDbAllocator.FirstArenaDirtyDecayMs);

        // A query during the trickle gets the library's own periods; a large write then changes nothing; the end of
        // both hands everything back.
        DuckDbAllocator.WriteStarting(1);
        using (h.Projection.OpenRead())
        {
            purges = DuckDbAllocator.Purges;
            DuckDbAllocator.WriteStarting(DuckDbAllocator.TrickleRows);
            Assert.False(DuckDbAllocator.ReturningAtOnce);
            Assert.True(DuckDbAllocator.FirstArenaDirtyDecayMs > 0);
            Assert.Equal(purges, DuckDbAllocator.Purges);
        }

        WaitFor(() => DuckDbAllocator.ReturningAtOnce);
        Assert.Equal(2, h.Queries.Status(ProjectionHarness.Store).Rows);
    }

    private static void WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            Thread.Sleep(50);
        }

        Assert.True(condition());
    }
}
