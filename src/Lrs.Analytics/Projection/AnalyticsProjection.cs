using DuckDB.NET.Data;
using Lrs.Analytics.Classification;

namespace Lrs.Analytics.Projection;

/// <summary>
/// The analytics store: a DuckDB file with one flat row per classified statement, fed in order by one writer, read by
/// any number of queries (each on its own connection, seeing committed data only). Rows and checkpoint commit together,
/// so a restart continues exactly where the last batch ended.
/// </summary>
public sealed class AnalyticsProjection : IDisposable
{
    public const string FileName = "analytics.duckdb";

    /// <summary>How far back a voided statement is looked for before every row is searched.</summary>
    private const long RecentRows = 200_000;

    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) the projection; when it was built under other rules it is emptied for a rebuild.</summary>
    public AnalyticsProjection(string path, string rulesFingerprint, int memoryLimitMb = DefaultMemoryLimitMb)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = $"Data Source={path}";
        _writer = new DuckDBConnection(_connectionString);
        _writer.Open();

        // DuckDB's default buffer pool is 80% of the machine's memory; the LRS shares its process with it, so the
        // projection gets a fixed share (queries spill to disk beyond it) instead of growing with the data.
        Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET memory_limit = '{Math.Max(16, memoryLimitMb)}MB'"));
        Execute(Schema());
        RulesFingerprint = rulesFingerprint;
        var recorded = Scalar("SELECT value FROM meta WHERE key = 'rules'") as string;
        if (recorded != rulesFingerprint)
        {
            ResetForRules = recorded is not null;
            Reset();
        }
    }

    /// <summary>DuckDB's memory in this process unless told otherwise, in MB.</summary>
    public const int DefaultMemoryLimitMb = 128;

    public string RulesFingerprint { get; }

    /// <summary>True when opening found rows classified under other rules and emptied the projection.</summary>
    public bool ResetForRules { get; }

    /// <summary>A connection for queries; dispose it after use.</summary>
    public DuckDBConnection OpenRead()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public Checkpoint? GetCheckpoint(string store)
    {
        lock (_gate)
        {
            return GetCheckpointUnlocked(store);
        }
    }

    /// <summary>Empties the projection (every store): the followers then replay their feeds from the start.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            using var tx = _writer.BeginTransaction();
            Execute("DELETE FROM facts; DELETE FROM voided; DELETE FROM agents; DELETE FROM activity_names; DELETE FROM checkpoints;");
            using (var command = Command("INSERT OR REPLACE INTO meta VALUES ('rules', $rules)", ("rules", RulesFingerprint)))
            {
                command.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>Forgets one store's rows, so its feed is replayed (a follower switched to another feed).</summary>
    public void ResetStore(string store)
    {
        lock (_gate)
        {
            using var tx = _writer.BeginTransaction();
            foreach (var table in (string[])["facts", "voided", "agents", "activity_names", "checkpoints"])
            {
                using var command = Command($"DELETE FROM {table} WHERE store = $store", ("store", store));
                command.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>Adds a batch and moves the checkpoint, atomically.</summary>
    public void Apply(ProjectionBatch batch)
    {
        lock (_gate)
        {
            var previous = GetCheckpointUnlocked(batch.Store);
            var seq = previous?.Seq ?? 0;
            var rows = batch.MayRepeat ? WithoutHeld(batch.Store, batch.Rows) : batch.Rows;
            using var tx = _writer.BeginTransaction();
            if (rows.Count > 0)
            {
                seq = Append(batch.Store, rows, seq);
            }

            if (batch.Voids.Count > 0)
            {
                DropVoided(batch.Store, batch.Voids, seq);
            }

            if (rows.Count > 0)
            {
                // Rows just added whose statement was voided before they arrived (a remote LRS does not flag them).
                using var late = Command(
                    "DELETE FROM facts WHERE store = $store AND seq > $after AND statement_id IN (SELECT statement_id FROM voided WHERE store = $store)",
                    ("store", batch.Store), ("after", previous?.Seq ?? 0));
                late.ExecuteNonQuery();
            }

            Upsert("agents", batch.Store, batch.AgentNames);
            Upsert("activity_names", batch.Store, batch.ActivityNames);
            using (var checkpoint = Command(
                "INSERT OR REPLACE INTO checkpoints VALUES ($store, $cursor, $seq, $source, $updated)",
                ("store", batch.Store), ("cursor", batch.Cursor), ("seq", seq), ("source", batch.Source), ("updated", DateTime.UtcNow)))
            {
                checkpoint.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public void Dispose() => _writer.Dispose();

    private Checkpoint? GetCheckpointUnlocked(string store)
    {
        using var command = Command("SELECT cursor, seq, source FROM checkpoints WHERE store = $store", ("store", store));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Checkpoint(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    /// <summary>The rows not already held: a repeating feed overlaps only recent statements, so only those are checked.</summary>
    private List<ProjectedRow> WithoutHeld(string store, IReadOnlyList<ProjectedRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var held = new HashSet<Guid>();
        using (var command = Command("SELECT statement_id FROM facts WHERE store = $store AND stored >= $from",
                   ("store", store), ("from", rows.Min(r => r.Stored))))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                held.Add(reader.GetGuid(0));
            }
        }

        return rows.Where(r => held.Add(r.StatementId)).ToList();
    }

    private long Append(string store, IReadOnlyList<ProjectedRow> rows, long seq)
    {
        using var appender = _writer.CreateAppender("facts");
        foreach (var r in rows)
        {
            appender.CreateRow()
                .AppendValue(store)
                .AppendValue(++seq)
                .AppendValue(r.StatementId)
                .AppendValue(r.Timestamp)
                .AppendValue(r.Stored)
                .AppendValue(r.Class.Name())
                .AppendValue(r.Topic)
                .AppendValue(r.Actor)
                .AppendValue(r.Verb)
                .AppendValue(r.ObjectId)
                .AppendValue(r.IsCompletion)
                .AppendValue(r.IsAsk)
                .AppendValue(r.IsAnswer)
                .EndRow();
        }

        return seq;
    }

    /// <summary>
    /// Records the voided ids and deletes their rows. A target is nearly always recent (voided minutes after a
    /// mistake), so the recent rows are searched first; only targets not found there cost a scan of every row.
    /// </summary>
    private void DropVoided(string store, IReadOnlyList<Guid> voids, long seq)
    {
        Execute("CREATE TEMP TABLE IF NOT EXISTS staged_voids (statement_id UUID)");
        using (var appender = _writer.CreateAppender("staged_voids"))
        {
            foreach (var id in voids.Distinct())
            {
                appender.CreateRow().AppendValue(id).EndRow();
            }
        }

        var targets = voids.Distinct().Count();
        using (var recent = Command(
            "DELETE FROM facts WHERE store = $store AND seq > $floor AND statement_id IN (SELECT statement_id FROM staged_voids)",
            ("store", store), ("floor", seq - RecentRows)))
        {
            if (recent.ExecuteNonQuery() < targets)
            {
                using var all = Command("DELETE FROM facts WHERE store = $store AND statement_id IN (SELECT statement_id FROM staged_voids)", ("store", store));
                all.ExecuteNonQuery();
            }
        }

        using (var record = Command("INSERT INTO voided SELECT $store, statement_id FROM staged_voids", ("store", store)))
        {
            record.ExecuteNonQuery();
        }

        Execute("DELETE FROM staged_voids");
    }

    /// <summary>
    /// Names go through a staging table in one statement: one upsert per name costs about a millisecond each, which
    /// made names, not rows, the bottleneck of ingest.
    /// </summary>
    private void Upsert(string table, string store, IReadOnlyDictionary<string, string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        Execute("CREATE TEMP TABLE IF NOT EXISTS staged_names (store VARCHAR, key VARCHAR, name VARCHAR)");
        using (var appender = _writer.CreateAppender("staged_names"))
        {
            foreach (var (key, name) in names)
            {
                appender.CreateRow().AppendValue(store).AppendValue(key).AppendValue(name).EndRow();
            }
        }

        var column = table == "agents" ? "agent" : "activity";
        Execute($"INSERT INTO {table} SELECT store, key, name FROM staged_names ON CONFLICT (store, {column}) DO UPDATE SET name = excluded.name; DELETE FROM staged_names;");
    }

    private DuckDBCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value));
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string Schema()
    {
        using var stream = typeof(AnalyticsProjection).Assembly.GetManifestResourceStream("Lrs.Analytics.schema.sql")
            ?? throw new InvalidOperationException("the projection schema resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
