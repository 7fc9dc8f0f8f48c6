using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// The SQLite file: how connections are opened (WAL, synchronous=FULL so an acknowledged write survives a power cut)
/// and the migrations that run at start. Stores share one instance.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _stores = new(StringComparer.Ordinal);
    private readonly Lock _storesLock = new();

    public SqliteDatabase(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_settings WHERE name = 'agent_verb_keys_after'";
        AgentVerbKeysAfter = command.ExecuteScalar() is long after ? after : 0;
    }

    /// <summary>
    /// Every statement after this feed position has its agent-and-verb keys (kind w, migration 004); those before it,
    /// stored by an older version, do not.
    /// </summary>
    public long AgentVerbKeysAfter { get; }

    /// <summary>
    /// The WAL size (in pages) past which a writer's commit runs a checkpoint itself: 64 MB with 4 KB pages, a backstop
    /// for when <see cref="WalCheckpointer"/> falls behind or is not running (SQLite's default is 1,000 pages).
    /// </summary>
    internal const int BackstopCheckpointPages = 16_384;

    /// <summary>
    /// What the WAL file is cut back to when a writer starts it over after a checkpoint: the backstop's 64 MB. SQLite
    /// otherwise reuses the file at its high-water size: a reader that pinned the log during a 10M import left a
    /// 230 MB -wal file beside the database for good.
    /// </summary>
    internal const long WalSizeLimitBytes = 64L * 1024 * 1024;

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// A read connection's own page cache: 256 KB instead of SQLite's 2 MB. Every pooled connection keeps its cache
    /// filled, and 16 concurrent readers (W3) kept about 15 MB more resident through every later workload; the pages
    /// come from the operating system's cache anyway. Set at each open, since a pooled connection cannot say it is new;
    /// for the same reason <see cref="OpenWrite"/> sets its own, or a writer would keep the last reader's.
    /// </summary>
    private const string ReaderCache = "PRAGMA cache_size=-256";

    /// <summary>A pooled connection for reads (WAL readers never block the writer).</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, ReaderCache);
        return connection;
    }

    /// <summary>A connection for writes: busy waits instead of failing, and fsyncs every commit.</summary>
    public SqliteConnection OpenWrite()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // temp_store=MEMORY: a savepoint's sub-journal (the pages it may have to restore) stays off the disk.
        // wal_autocheckpoint: checkpoints are WalCheckpointer's work; a commit copies the log back itself only past this.
        // cache_size: SQLite's default (2 MB), since the pool may hand over a connection a reader shrank (ReaderCache).
        // journal_size_limit: see WalSizeLimitBytes.
        Execute(connection, $"PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint={BackstopCheckpointPages}; PRAGMA cache_size=-2000; PRAGMA journal_size_limit={WalSizeLimitBytes};");
        return connection;
    }

    /// <summary>The small integer a store (tenant) name is kept as in every table; created on first use.</summary>
    public long StoreNumber(string storeId)
    {
        // Every request asks; only the first for a store writes. Reads need no lock.
        if (_stores.TryGetValue(storeId, out var known))
        {
            return known;
        }

        lock (_storesLock)
        {
            if (_stores.TryGetValue(storeId, out var num))
            {
                return num;
            }

            using var connection = OpenWrite();
            Execute(connection, "INSERT INTO stores (name) VALUES ($name) ON CONFLICT (name) DO NOTHING", ("$name", storeId));
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT num FROM stores WHERE name = $name";
            select.Parameters.AddWithValue("$name", storeId);
            num = (long)select.ExecuteScalar()!;
            _stores[storeId] = num;
            return num;
        }
    }

    public static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Applies the embedded Migrations/NNN_*.sql scripts newer than the file's user_version, each in a transaction.</summary>
    private void Migrate()
    {
        using var connection = OpenWrite();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var versionCommand = connection.CreateCommand();
        versionCommand.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(versionCommand.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n, Number: int.Parse(n.Split(".Migrations.")[1][..3], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(s => s.Number > current)
            .OrderBy(s => s.Number);

        foreach (var (name, number) in scripts)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var sql = reader.ReadToEnd();
            // Plain BEGIN/COMMIT: the script and its version number land together or not at all.
            Execute(connection, "BEGIN IMMEDIATE");
            try
            {
                Execute(connection, sql);
                Execute(connection, $"PRAGMA user_version = {number}");
                Execute(connection, "COMMIT");
            }
            catch
            {
                Execute(connection, "ROLLBACK");
                throw;
            }
        }
    }
}
