using DuckDB.NET.Data;

namespace Lrs.Analytics.Projection;

/// <summary>
/// Handing back the memory queries and bulk writes leave behind. DuckDB keeps tens of MB per database instance after a
/// few dashboard queries (42 MB after one topic summary at 1M statements, 74 MB after ten, about 200 MB at 10M) and
/// after a catch-up (about 50 MB after 1M rows), outside its own accounting and out of reach of malloc_trim; only
/// closing the instance returns it. So once queries have run, or many rows were written, and that activity has stopped
/// for a while, the writer's connection, the instance's last, is closed and opened again (15-40 ms, holding the
/// writer's lock); the next query then reads its blocks from the OS's cache.
/// </summary>
public sealed partial class AnalyticsProjection
{
    /// <summary>
    /// How long after the last query the instance is released: longer than the pauses between the requests of one
    /// dashboard page or one manager clicking through views, so a session keeps a warm instance.
    /// </summary>
    public static readonly TimeSpan DefaultReleaseWhenIdle = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Rows written since the last release that make one owed once writing pauses: a catch-up or an import, not the
    /// trickle of live traffic (a release costs the follower's next batch a cold start).
    /// </summary>
    public const int RowsBeforeRelease = 10_000;

    private readonly Timer? _releaseTimer;
    private long _rowsSinceRelease;
    private long _lastAppend = Environment.TickCount64;
    private readonly TimeSpan _releaseWhenIdle;
    private int _openReads;
    private int _readsSinceRelease;
    private long _lastReadEnded = Environment.TickCount64;

    /// <summary>How many times the instance has been released (closed and opened again) since the projection was opened.</summary>
    public int Releases { get; private set; }

    private Timer? StartReleaseTimer()
    {
        if (_releaseWhenIdle == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        // Checked twice per idle period, so a release comes between one and one and a half periods after the last query.
        var period = _releaseWhenIdle / 2;
        return new Timer(_ => ReleaseOnTimer(), null, period, period);
    }

    private void StopReleaseTimer()
    {
        if (_releaseTimer is null)
        {
            return;
        }

        // Waits for a running check, so the writer is not reopened after Dispose closed it.
        using var done = new ManualResetEvent(false);
        if (_releaseTimer.Dispose(done))
        {
            done.WaitOne();
        }
    }

    private void ReleaseOnTimer()
    {
        try
        {
            ReleaseIfIdle();
        }
        catch (DuckDBException)
        {
            // The writer could not be opened again (the file went away, the disk is full): the follower's next batch
            // fails and is retried, and the next check tries again, since the release is still owed.
        }
    }

    /// <summary>Counts a query connection as open until it is disposed.</summary>
    private void TrackRead(DuckDBConnection connection)
    {
        Interlocked.Increment(ref _openReads);
        Interlocked.Exchange(ref _readsSinceRelease, 1);
        DuckDbAllocator.QueryStarting();
        var ended = 0;
        connection.Disposed += (_, _) =>
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                Interlocked.Exchange(ref _lastReadEnded, Environment.TickCount64);
                Interlocked.Decrement(ref _openReads);
                DuckDbAllocator.QueriesEnded();
            }
        };
    }

    /// <summary>Called under the writer's lock after rows were appended.</summary>
    private void CountAppended(int rows)
    {
        Interlocked.Add(ref _rowsSinceRelease, rows);
        Interlocked.Exchange(ref _lastAppend, Environment.TickCount64);
    }

    /// <summary>
    /// No query is open and none has run for the idle period, and either queries ran since the last release or many rows
    /// were written and writing has paused for the idle period too. Queries alone do not wait for writing to pause: under
    /// steady traffic it never does.
    /// </summary>
    private bool ReleaseOwed()
    {
        var idle = (long)_releaseWhenIdle.TotalMilliseconds;
        var now = Environment.TickCount64;
        if (Volatile.Read(ref _openReads) > 0 || now - Interlocked.Read(ref _lastReadEnded) < idle)
        {
            return false;
        }

        return Volatile.Read(ref _readsSinceRelease) == 1 ||
            (Interlocked.Read(ref _rowsSinceRelease) >= RowsBeforeRelease && now - Interlocked.Read(ref _lastAppend) >= idle);
    }

    /// <summary>
    /// Releases the instance when it is owed (<see cref="ReleaseOwed"/>). Answers whether it did. A query that opens
    /// meanwhile keeps the instance open through the writer's reopening (connections to one file share it), which is
    /// harmless: its memory is then kept until the next release.
    /// </summary>
    public bool ReleaseIfIdle() => ReleaseWhen(ReleaseOwed);

    /// <summary>
    /// Called when the follower has read to the end of its feeds, with how many statements it took since it last was:
    /// after a catch-up of <see cref="RowsBeforeRelease"/> or more (a start on an imported store, a burst of batches),
    /// the instance is released now, with no query open, instead of once writing pauses, which live traffic may not do
    /// for a long time. The trickle of live traffic never adds up to one (under single POSTs each catch-up takes a few
    /// hundred). Answers whether it did.
    /// </summary>
    public bool ReleaseAfterCatchUp(int taken) =>
        taken >= RowsBeforeRelease && ReleaseWhen(() => Volatile.Read(ref _openReads) == 0 && Interlocked.Read(ref _rowsSinceRelease) > 0);

    private bool ReleaseWhen(Func<bool> owed)
    {
        if (_releaseWhenIdle == Timeout.InfiniteTimeSpan || !owed())
        {
            return false;
        }

        lock (_gate)
        {
            lock (_memoryGate)
            {
                if (!owed()) // again: timer checks and the follower can overlap, and the first may have just released
                {
                    return false;
                }

                // Cleared first, so a query that starts during the reopening owes a release of its own. Rows are only
                // appended under the lock held here.
                var reads = Interlocked.Exchange(ref _readsSinceRelease, 0);
                var rows = Interlocked.Exchange(ref _rowsSinceRelease, 0);
                try
                {
                    _writer.Dispose();
                    _writer = new DuckDBConnection(_connectionString);
                    _writer.Open();
                    SetMemoryLimit(_writer, MemoryLimitMb); // the limit belongs to the instance, which was closed
                }
                catch
                {
                    Interlocked.Exchange(ref _readsSinceRelease, reads);
                    Interlocked.Add(ref _rowsSinceRelease, rows);
                    throw;
                }

                Releases++;
                return true;
            }
        }
    }
}
