using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>
/// A WAL that grew while a reader pinned it is cut back when writing starts it over, instead of staying at its
/// high-water size beside the database.
/// </summary>
public sealed class WalSizeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-wal-size-" + Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_directory, "lrs.db");

    private long WalBytes => new FileInfo(DbPath + "-wal").Length;

    [Fact]
    public void A_wal_grown_past_the_limit_is_cut_back_once_writing_starts_it_over()
    {
        var db = new SqliteDatabase(DbPath);
        using var writer = db.OpenWrite();
        SqliteDatabase.Execute(writer, "CREATE TABLE wal_probe (n INTEGER PRIMARY KEY, data BLOB NOT NULL)");

        // A reader in a transaction keeps every frame after its snapshot in the log, as a long feed read does.
        using (var reader = db.OpenRead())
        using (var pin = reader.BeginTransaction(deferred: true))
        {
            using (var read = reader.CreateCommand())
            {
                read.Transaction = pin;
                read.CommandText = "SELECT count(*) FROM wal_probe";
                read.ExecuteScalar();
            }

            var megabyte = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++)
            {
                using var insert = writer.CreateCommand();
                insert.CommandText = "INSERT INTO wal_probe (data) VALUES ($data)";
                insert.Parameters.AddWithValue("$data", megabyte);
                insert.ExecuteNonQuery();
            }
        }

        var grown = WalBytes;
        Assert.True(grown > SqliteDatabase.WalSizeLimitBytes, $"the test needs a WAL past the limit; it is {grown} bytes");

        // Everything copied back, the next write starts the log over from its beginning and cuts the file.
        SqliteDatabase.Execute(writer, "PRAGMA wal_checkpoint(PASSIVE)");
        SqliteDatabase.Execute(writer, "INSERT INTO wal_probe (data) VALUES (x'00')");

        Assert.InRange(WalBytes, 1, SqliteDatabase.WalSizeLimitBytes);
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
