using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own. SQLite's automatic checkpoint runs
/// inside the commit that crosses its threshold, so every few commits the statement writer's group waited for that
/// copy and the database file's fsync on top of its own commit: the tail of single-statement POST latency, and time
/// the writer could have spent writing. Writer connections keep a higher automatic threshold
/// (<see cref="SqliteDatabase.BackstopCheckpointPages"/>) only for when this thread falls behind or is not running.
/// Durability does not depend on it: a commit is durable once its WAL frames are synced.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>At most this often: each checkpoint syncs the database file, and the writer needs the disk too.</summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

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
        using var connection = _db.OpenWrite();
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
            }
            catch (SqliteException)
            {
                // Busy or I/O trouble: the next round (or the writers' backstop threshold) tries again.
            }

            Thread.Sleep(MinInterval);
        }
    }
}
