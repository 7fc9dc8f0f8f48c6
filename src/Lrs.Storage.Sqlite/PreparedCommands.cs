using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// A connection's commands by SQL text, each compiled once: a command run again keeps its prepared statement and only
/// binds new values. Microsoft.Data.Sqlite finalizes a command's statement when the command is disposed, so commands
/// made per call were parsed and planned again every time. Used by one caller at a time.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    /// <summary>Texts kept; the stores build a few dozen at most, so this is only a bound.</summary>
    private const int MaxCommands = 64;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for this text, its parameters cleared for the caller's.</summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            Dispose();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;

        // Compiled once, here: the command keeps its statement, and each run resets it and binds new values.
        command.Prepare();
        _commands[sql] = command;
        return command;
    }

    /// <summary>Disposes the commands (finalizing their statements); the connection stays open.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
