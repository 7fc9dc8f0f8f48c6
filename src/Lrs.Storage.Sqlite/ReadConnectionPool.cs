using System.Collections.Concurrent;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// Read connections kept open between requests, each with the statements it has prepared (<see cref="PooledRead"/>).
/// Microsoft.Data.Sqlite pools the connection but finalizes a command's statements when the command or the connection
/// is closed, so every query was parsed and planned again: a profile of GET agent+verb+since (issue 6, W3) had SQLite
/// preparing statements for about a fifth of the request threads' time, twice what it spent running them.
/// </summary>
internal sealed class ReadConnectionPool(SqliteDatabase db) : IDisposable
{
    /// <summary>
    /// Idle connections kept; more are opened while more requests read at once, and closed when handed back beyond
    /// this. Each holds its page cache (<see cref="SqliteDatabase.OpenRead"/>: 256 KB) and a few prepared statements.
    /// </summary>
    private const int MaxIdle = 16;

    private readonly ConcurrentQueue<PooledRead> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public PooledRead Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var read))
        {
            Interlocked.Decrement(ref _idleCount);
            return read;
        }

        return new PooledRead(db.OpenRead(), this);
    }

    internal void Return(PooledRead read)
    {
        read.ResetStatements();
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Enqueue(read);
            if (_disposed)
            {
                CloseIdle(); // raced with Dispose: it may have drained the queue before this one went in
            }

            return;
        }

        Interlocked.Decrement(ref _idleCount);
        read.Close();
    }

    /// <summary>Closes the idle connections; one still rented is closed when it comes back.</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryDequeue(out var read))
        {
            Interlocked.Decrement(ref _idleCount);
            read.Close();
        }
    }
}
