using DuckDB.NET.Data;

namespace Lrs.Analytics.Projection;

/// <summary>
/// Handing back the memory queries leave behind. DuckDB keeps tens of MB per database instance after a few dashboard
/// queries (42 MB after one topic summary at 1M statements, 74 MB after ten, about 200 MB at 10M), outside its own
/// accounting and out of reach of malloc_trim; only closing the instance returns it. So once queries have run and none
/// has for a while, the writer's connection, the instance's last, is closed and opened again (15-40 ms, holding the
/// writer's lock); the next query then reads its blocks from the OS's cache.
/// </summary>
public sealed partial class AnalyticsProjection
{
    /// <summary>
    /// How long after the last query the instance is released: longer than the pauses between the requests of one
    /// dashboard page or one manager clicking through views, so a session keeps a warm instance.
    /// </summary>
    public static readonly TimeSpan DefaultReleaseWhenIdle = TimeSpan.FromSeconds(10);

    private readonly Timer? _releaseTimer;
    private TimeSpan _releaseWhenIdle;
    private int _openReads;
    private int _readsSinceRelease;
    private long _lastReadEnded = Environment.TickCount64;

    /// <summary>How many times the instance has been released (closed and opened again) since the projection was opened.</summary>
    public int Releases { get; private set; }

    private Timer? StartReleaseTimer(TimeSpan releaseWhenIdle)
    {
        _releaseWhenIdle = releaseWhenIdle;
        if (releaseWhenIdle == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        // Checked twice per idle period, so a release comes between one and one and a half periods after the last query.
        var period = releaseWhenIdle / 2;
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
        var ended = 0;
        connection.Disposed += (_, _) =>
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                Interlocked.Exchange(ref _lastReadEnded, Environment.TickCount64);
                Interlocked.Decrement(ref _openReads);
            }
        };
    }

    private bool ReleaseOwed() =>
        Volatile.Read(ref _readsSinceRelease) == 1 && Volatile.Read(ref _openReads) == 0 &&
        Environment.TickCount64 - Interlocked.Read(ref _lastReadEnded) >= (long)_releaseWhenIdle.TotalMilliseconds;

    /// <summary>
    /// Releases the instance when queries ran since the last release, none is open and the last ended an idle period
    /// ago. Answers whether it did. A query that opens meanwhile keeps the instance open through the writer's reopening
    /// (connections to one file share it), which is harmless: its memory is then kept until the next release.
    /// </summary>
    public bool ReleaseIfIdle()
    {
        if (!ReleaseOwed())
        {
            return false;
        }

        lock (_gate)
        {
            lock (_memoryGate)
            {
                if (!ReleaseOwed()) // again: timer checks can overlap, and the first may have just released
                {
                    return false;
                }

                // Cleared first, so a query that starts during the reopening owes a release of its own.
                Interlocked.Exchange(ref _readsSinceRelease, 0);
                try
                {
                    _writer.Dispose();
                    _writer = new DuckDBConnection(_connectionString);
                    _writer.Open();
                    SetMemoryLimit(_writer, MemoryLimitMb); // the limit belongs to the instance, which was closed
                }
                catch
                {
                    Interlocked.Exchange(ref _readsSinceRelease, 1);
                    throw;
                }

                Releases++;
                return true;
            }
        }
    }
}
