using System.Globalization;
using System.Runtime.InteropServices;

namespace Lrs.Analytics.Projection;

/// <summary>
/// DuckDB's own allocator (a jemalloc built into libduckdb on Linux) keeps the pages a query or a write freed, for
/// reuse, until a decay period passes and an allocation in the same arena notices. Kept, they made up 20-40 MB of the
/// server's peak after the dashboard's queries and under single POSTs (the follower's writes). Handed back at once all
/// the time, the dashboard's queries took 30-50% longer (they free and take back the same pages over and over). So
/// while queries run the library's own periods stand, and once none has run for <see cref="Grace"/> freed pages go
/// back at once: what the queries left, and the follower's large writes between dashboard visits (its small ones keep
/// their pages a second, <see cref="TrickleRows"/>).
/// </summary>
/// <remarks>
/// The settings belong to the process, not to one database: every projection of the process shares them, and
/// <see cref="QueryStarting"/>/<see cref="QueriesEnded"/> count queries across all of them. Where the library has no
/// such allocator (DuckDB's builds for other systems) every call does nothing.
/// </remarks>
public static partial class DuckDbAllocator
{
    private static readonly Lock Gate = new();

    /// <summary>
    /// How long after the last query ended its pages are handed back: a dashboard page sends its requests one after the
    /// other, and each would otherwise start on pages handed back by the one before (the topic summary at 1M took 20-30%
    /// longer with no grace).
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static readonly Timer GraceTimer = new(static _ => ReturnFreedPagesAfterGrace());
    private static long _lastEnded;

    /// <summary>
    /// A follower write of fewer rows than this is live traffic's trickle (under single POSTs, a few hundred rows every
    /// 250 ms). Freed at once, the pages such a write took were taken back by the next one: page faults, zeroing, the
    /// hand-back itself and the TLB shootdowns it sends the other core were 40% of the follower's CPU under W1, a
    /// fifth of the server's (`perf`, issue 6). So between trickle writes freed pages are kept <see cref="TrickleDecay"/>,
    /// and handed back once writes have stopped for <see cref="Grace"/> or before a larger write (a catch-up, a burst
    /// of batches), whose own churn goes back at once as before: what a write of a thousand rows or more leaves behind
    /// is the peak the memory target watches.
    /// </summary>
    public const int TrickleRows = 1_000;

    /// <summary>How long a trickle write's freed pages are kept for the next one (about the working set of a write).</summary>
    public static readonly TimeSpan TrickleDecay = TimeSpan.FromSeconds(1);

    private static long _lastTrickle;
    private static bool _trickling;

    private static int _queries;
    private static bool _unavailable;
    private static bool _returning;
    private static long _keptDirtyMs = -1, _keptMuzzyMs = -1;

    /// <summary>How many times freed pages were handed back after the last query ended (for tests and diagnostics).</summary>
    public static int Purges { get; private set; }

    /// <summary>How many times a trickle write started keeping freed pages (for tests and diagnostics).</summary>
    public static int TrickleStarts { get; private set; }

    /// <summary>Whether freed pages go back to the OS at once now (no query running), false where that cannot be set.</summary>
    public static bool ReturningAtOnce
    {
        get
        {
            lock (Gate)
            {
                return _returning;
            }
        }
    }

    /// <summary>The first arena's dirty-page decay period as the allocator reports it (null where there is none).</summary>
    public static long? FirstArenaDirtyDecayMs
    {
        get
        {
            lock (Gate)
            {
                try
                {
                    return _unavailable ? null : Read<long>("arena.0.dirty_decay_ms");
                }
                catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>From now on while no query runs: freed pages go back to the OS at once. Called when a projection opens.</summary>
    public static void ReturnFreedPages()
    {
        lock (Gate)
        {
            if (_queries == 0)
            {
                SetDecay(0, 0);
                Purge();
            }
        }
    }

    /// <summary>A query is about to run: the first of several keeps freed pages for reuse again.</summary>
    public static void QueryStarting()
    {
        lock (Gate)
        {
            if (_queries++ == 0 && (_returning || _trickling) && _keptDirtyMs >= 0)
            {
                SetDecay(_keptDirtyMs, _keptMuzzyMs);
                _trickling = false;
            }
        }
    }

    /// <summary>
    /// A follower write of <paramref name="rows"/> rows is about to start: a trickle write keeps freed pages for the
    /// next (<see cref="TrickleRows"/>), a larger one first hands back what the trickle kept.
    /// </summary>
    public static void WriteStarting(int rows)
    {
        lock (Gate)
        {
            if (_queries > 0 || _unavailable)
            {
                return; // the library's own periods stand while queries run
            }

            if (rows >= TrickleRows)
            {
                if (_trickling)
                {
                    _trickling = false;
                    SetDecay(0, 0);
                    Purge();
                }

                return;
            }

            _lastTrickle = Environment.TickCount64;
            if (!_trickling && _returning)
            {
                SetDecay((long)TrickleDecay.TotalMilliseconds, 0);
                _trickling = !_unavailable;
                TrickleStarts++;
                GraceTimer.Change(Grace, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>A query ended: once none has run for <see cref="Grace"/>, what they freed goes back to the OS, and so does what is freed from then on.</summary>
    public static void QueriesEnded()
    {
        lock (Gate)
        {
            _lastEnded = Environment.TickCount64;
            if (--_queries == 0)
            {
                GraceTimer.Change(Grace, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private static void ReturnFreedPagesAfterGrace()
    {
        lock (Gate)
        {
            var quiet = Environment.TickCount64 - (_trickling ? Math.Max(_lastEnded, _lastTrickle) : _lastEnded);
            if (_queries > 0)
            {
                return; // the query running now re-arms the timer when it ends
            }

            if (quiet < (long)Grace.TotalMilliseconds)
            {
                GraceTimer.Change(TimeSpan.FromMilliseconds((long)Grace.TotalMilliseconds - quiet), Timeout.InfiniteTimeSpan);
                return;
            }

            _trickling = false;
            SetDecay(0, 0);
            Purge();
        }
    }

    /// <summary>Under <see cref="Gate"/>. The first call reads the library's own periods, which queries go back to.</summary>
    private static void SetDecay(long dirtyMs, long muzzyMs)
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            if (_keptDirtyMs < 0)
            {
                if (Read<long>("arenas.dirty_decay_ms") is not { } dirty || Read<long>("arenas.muzzy_decay_ms") is not { } muzzy)
                {
                    _unavailable = true;
                    return;
                }

                (_keptDirtyMs, _keptMuzzyMs) = (dirty, muzzy);
            }

            // The default for arenas created later, then each arena that exists (an index never used has none).
            Write("arenas.dirty_decay_ms", dirtyMs);
            Write("arenas.muzzy_decay_ms", muzzyMs);
            if (Read<uint>("arenas.narenas") is { } arenas)
            {
                for (var i = 0u; i < arenas; i++)
                {
                    var arena = "arena." + i.ToString(CultureInfo.InvariantCulture);
                    Write(arena + ".dirty_decay_ms", dirtyMs);
                    Write(arena + ".muzzy_decay_ms", muzzyMs);
                }
            }

            _returning = dirtyMs == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    /// <summary>Hands every arena's unused pages back now (4096 is jemalloc's "all arenas").</summary>
    private static void Purge()
    {
        if (!_unavailable && _returning && Mallctl("arena.4096.purge", IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, 0) == 0)
        {
            Purges++;
        }
    }

    /// <summary>A setting of the size jemalloc gives it (decay periods are 64-bit, the arena count 32-bit).</summary>
    private static unsafe T? Read<T>(string name) where T : unmanaged
    {
        T value = default;
        var length = (nuint)sizeof(T);
        return Mallctl(name, (IntPtr)(&value), (IntPtr)(&length), IntPtr.Zero, 0) == 0 ? value : null;
    }

    private static unsafe void Write(string name, long value) =>
        _ = Mallctl(name, IntPtr.Zero, IntPtr.Zero, (IntPtr)(&value), sizeof(long));

    [LibraryImport("duckdb", EntryPoint = "duckdb_je_mallctl", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mallctl(string name, IntPtr oldValue, IntPtr oldLength, IntPtr newValue, nuint newLength);
}
