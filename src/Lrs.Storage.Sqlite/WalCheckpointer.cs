using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own. SQLite's automatic checkpoint runs
/// inside the commit that crosses its threshold, so every few commits the statement writer's group waited for that
/// copy and the database file's fsync on top of its own commit: the tail of single-statement POST latency, and time
/// the writer could have spent writing. Writer connections keep a higher automatic threshold
/// (<see cref="SqliteDatabase.BackstopCheckpointPages"/>) only for when this thread falls behind or is not running.
/// Durability does not depend on it: a commit is durable once its WAL frames are synced.
/// <para>
/// A PASSIVE checkpoint syncs the database file only when it copies the log to its very end, which under a steady stream
/// of commits it never does (new frames arrive while it copies). The pages it copied then sat dirty in the OS cache
/// until the writer's backstop checkpoint synced them all inside one commit: 50 to 130 ms stalls twice a second under
/// single-statement POSTs (issue 6, W1). So this thread syncs the file itself after each round, a little at a time,
/// and runs rounds nearly back to back while commits keep coming. The price is disk writes: a page copied by several
/// rounds is now written each time instead of once. Benchmark W1 on the 1M store: p99 45.4 to 27.4 ms, 3,033 to
/// 2,428 statements/s (still above its 2,000/s and 1.0x targets).
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>
    /// The pause between rounds. Measured with wrk under W1 (32 clients, single POSTs, analytics off): 100 ms let each
    /// round's sync grow large enough to hold up the writer's own (p99 40 ms); 10 ms gave p99 20 and 38 ms in two runs;
    /// 1 ms cost a third of the throughput.
    /// </summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Without a nudge (writes by other stores' connections), still this often.</summary>
    private static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteDatabase _db;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;

    public WalCheckpointer(SqliteDatabase db)
    {
        _db = db;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-checkpointer" };
        _thread.Start();
    }

    /// <summary>Called after a commit: there is something to copy.</summary>
    public void Nudge()
    {
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // A writer still finishing after the store gave up waiting for it at dispose: nothing left to nudge.
        }
    }

    /// <summary>Stops the thread; a second call (the store disposed twice) does nothing.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(30));
        _wake.Dispose();
    }

    private void Run()
    {
        // The connection first: opened after the file handle, its failure left that handle open.
        var connection = _db.OpenWrite();
        Microsoft.Win32.SafeHandles.SafeFileHandle? file = null;
        try
        {
            // Our own handle on the file, for fsync only: SQLite has no call that syncs the database file on demand.
            file = File.OpenHandle(_db.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            Loop(connection, file);
        }
        finally
        {
            // Closing any handle of a file drops the POSIX locks that every SQLite connection of this process holds on
            // it, so the pool's idle connections are closed first (the writer's is closed before this thread stops).
            connection.Dispose();
            SqliteConnection.ClearPool(connection);
            file?.Dispose();
        }
    }

    private void Loop(SqliteConnection connection, Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        while (!_stopping)
        {
            _wake.WaitOne(IdleInterval);
            if (_stopping)
            {
                return;
            }

            try
            {
                // PASSIVE: copies what no reader still needs, never waits for readers and never blocks the writer.
                SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
                RandomAccess.FlushToDisk(file);
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                // Busy or I/O trouble: the next round (or the writers' backstop threshold) tries again.
            }

            Thread.Sleep(MinInterval);
        }
    }
}
