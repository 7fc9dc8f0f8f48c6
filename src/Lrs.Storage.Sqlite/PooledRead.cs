using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// A read connection rented from a <see cref="ReadConnectionPool"/>, with its prepared commands
/// (<see cref="PreparedCommands"/>). Used by one caller at a time; disposing hands it back.
/// </summary>
internal sealed class PooledRead : IAsyncDisposable
{
    private readonly ReadConnectionPool _pool;
    private readonly PreparedCommands _commands;

    internal PooledRead(SqliteConnection connection, ReadConnectionPool pool)
    {
        Connection = connection;
        _pool = pool;
        _commands = new PreparedCommands(connection);

        // SQLitePCL answers sqlite3_next_stmt (ResetStatements) only for a connection that asked it to track its
        // statements; the statements this one prepares all come after this.
        connection.Handle?.enable_sqlite3_next_stmt(true);
    }

    public SqliteConnection Connection { get; }

    /// <summary>The command for this text, its parameters cleared for the caller's.</summary>
    public SqliteCommand Command(string sql) => _commands.Command(sql);

    public ValueTask DisposeAsync()
    {
        _pool.Return(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Resets any statement a caller left part-way through its rows. Readers are disposed when done, which resets them,
    /// but one left stepping would hold its read snapshot for as long as the connection stays idle, and the WAL could not
    /// be checkpointed past it: the log would grow without bound.
    /// </summary>
    internal void ResetStatements()
    {
        if (Connection.Handle is not { } handle)
        {
            return;
        }

        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(handle, null); statement is not null; statement = SQLitePCL.raw.sqlite3_next_stmt(handle, statement))
        {
            if (SQLitePCL.raw.sqlite3_stmt_busy(statement) != 0)
            {
                SQLitePCL.raw.sqlite3_reset(statement);
            }
        }
    }

    internal void Close()
    {
        _commands.Dispose();
        Connection.Dispose();
    }
}
