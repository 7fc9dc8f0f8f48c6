using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>
/// Read connections kept open with their prepared statements: a command is reused with fresh parameters, a reader left
/// part-way does not pin the WAL once its connection is handed back, and the pool keeps a bounded number idle.
/// </summary>
public sealed class ReadConnectionPoolTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-read-pool-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteDatabase NewDatabase()
    {
        var db = new SqliteDatabase(Path.Combine(_directory, "lrs.db"));
        using var writer = db.OpenWrite();
        SqliteDatabase.Execute(writer, "CREATE TABLE probe (n INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        for (var i = 1; i <= 100; i++)
        {
            SqliteDatabase.Execute(writer, "INSERT INTO probe (n, v) VALUES ($n, $v)", ("$n", i), ("$v", "row " + i));
        }

        return db;
    }

    [Fact]
    public async Task A_command_run_again_on_a_rented_connection_is_the_same_one_with_the_new_values()
    {
        using var pool = new ReadConnectionPool(NewDatabase());
        await using (var read = pool.Rent())
        {
            var first = read.Command("SELECT v FROM probe WHERE n = $n");
            first.Parameters.AddWithValue("$n", 3);
            Assert.Equal("row 3", await first.ExecuteScalarAsync(Ct));

            var again = read.Command("SELECT v FROM probe WHERE n = $n");
            Assert.Same(first, again);
            Assert.Empty(again.Parameters);
            again.Parameters.AddWithValue("$n", 7);
            Assert.Equal("row 7", await again.ExecuteScalarAsync(Ct));
        }

        // Handed back and rented again: the same connection, its command still there.
        await using var next = pool.Rent();
        var reused = next.Command("SELECT v FROM probe WHERE n = $n");
        reused.Parameters.AddWithValue("$n", 9);
        Assert.Equal("row 9", await reused.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_reader_left_part_way_does_not_keep_the_log_from_being_checkpointed_once_handed_back()
    {
        var db = NewDatabase();
        using var pool = new ReadConnectionPool(db);
        await using (var read = pool.Rent())
        {
            // Stepped once and never disposed: its statement holds a read snapshot until it is reset.
            var reader = await read.Command("SELECT n FROM probe ORDER BY n").ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
        }

        using var writer = db.OpenWrite();
        SqliteDatabase.Execute(writer, "INSERT INTO probe (n, v) VALUES (1000, 'after')");
        using var checkpoint = writer.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // not busy: no reader holds an older snapshot
    }

    [Fact]
    public async Task Connections_past_the_idle_bound_are_closed_when_handed_back_and_the_idle_ones_at_dispose()
    {
        var pool = new ReadConnectionPool(NewDatabase());
        var rented = Enumerable.Range(0, 20).Select(_ => pool.Rent()).ToList();
        foreach (var read in rented)
        {
            await read.DisposeAsync();
        }

        Assert.Equal(16, rented.Count(r => r.Connection.State == System.Data.ConnectionState.Open));
        pool.Dispose();
        Assert.All(rented, r => Assert.Equal(System.Data.ConnectionState.Closed, r.Connection.State));
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
