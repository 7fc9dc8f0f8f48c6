using DuckDB.NET.Data;
using Lrs.Analytics.Classification;

namespace Lrs.Analytics.Projection;

/// <summary>
/// The analytics store: a DuckDB file with one flat row per classified statement, fed in order by one writer, read by
/// any number of queries (each on its own connection, seeing committed data only). Rows and checkpoint commit together,
/// so a restart continues exactly where the last batch ended.
/// </summary>
public sealed partial class AnalyticsProjection : IDisposable
{
    public const string FileName = "analytics.duckdb";

    /// <summary>
    /// The layout of the tables. A file written under another version is emptied at open and rebuilt from the feed,
    /// as for changed rules. 2: teams (fact_teams, teams). 3: topic_events and weekly_counts.
    /// </summary>
    public const string SchemaVersion = "3";

    /// <summary>How far back a voided statement is looked for before every row is searched.</summary>
    private const long RecentRows = 200_000;

    private readonly string _connectionString;
    private DuckDBConnection _writer;
    private readonly Lock _gate = new();

    /// <summary>
    /// The schema version rides in the same meta entry as the rules fingerprint, which every version compares: a binary
    /// of version 1 (rolled back to) then sees other rules and rebuilds, and so does this one when rolled forward again,
    /// instead of either trusting rows the other wrote without their teams.
    /// </summary>
    private const string SchemaSeparator = " schema ";

    /// <summary>Every table holding a store's rows (all but meta).</summary>
    private static readonly string[] Tables = ["facts", "fact_teams", "topic_events", "weekly_counts", "voided", "agents", "teams", "activity_names", "checkpoints"];

    /// <summary>
    /// Opens (or creates) the projection; when it was built under other rules or another schema it is emptied for a
    /// rebuild. <paramref name="releaseWhenIdle"/> is how long after the last query the instance is reopened to hand back
    /// what queries left behind (<see cref="DefaultReleaseWhenIdle"/> when null; <see cref="Timeout.InfiniteTimeSpan"/>:
    /// never).
    /// </summary>
    public AnalyticsProjection(string path, string rulesFingerprint, int maxMemoryMb = DefaultMaxMemoryMb, TimeSpan? releaseWhenIdle = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = $"Data Source={path}";
        _writer = new DuckDBConnection(_connectionString);
        _writer.Open();
        DuckDbAllocator.ReturnFreedPages(); // the follower's writes: see DuckDbAllocator

        // DuckDB's default buffer pool is 80% of the machine's memory; the LRS shares its process with it. DuckDB fills
        // whatever limit it has with cached blocks of the follower's writes, so the limit starts in proportion to the
        // data (the largest queries' working sets grow with it) and grows only when a query needs more (GrowMemory),
        // up to the operator's ceiling.
        MaxMemoryMb = Math.Max(MinMemoryMb, maxMemoryMb);
        SetMemoryLimit(_writer, StartingMemoryMb(path, MaxMemoryMb));
        Execute(Schema());
        RulesFingerprint = rulesFingerprint;
        var recorded = Scalar("SELECT value FROM meta WHERE key = 'rules'") as string;
        if (recorded != BuildStamp)
        {
            // A file without the entry is new: nothing to rebuild. Version 1 wrote the bare rules fingerprint.
            var parts = recorded?.Split(SchemaSeparator) ?? [];
            ResetForRules = recorded is not null && parts[0] != rulesFingerprint;
            ResetForSchema = recorded is not null && (parts.Length < 2 ? "1" : parts[1]) != SchemaVersion;
            Reset();
        }

        _releaseWhenIdle = releaseWhenIdle ?? DefaultReleaseWhenIdle;
        _releaseTimer = StartReleaseTimer();
    }

    /// <summary>The most memory DuckDB may grow to in this process unless told otherwise, in MB.</summary>
    public const int DefaultMaxMemoryMb = 256;

    /// <summary>
    /// DuckDB's memory at start, in MB: a quarter of the projection's file, at least 32 MB, at most the ceiling. At 1M
    /// statements (a 62 MB file) every dashboard query fits in 32 MB (16 was too little for the topic summary); at 10M
    /// (715 MB) the topic summary needs more than 64. Starting there spares the first queries of a big store the runs
    /// out of memory that <see cref="GrowMemory"/> would otherwise take to get there (1.8 s instead of 0.45 s at 10M).
    /// </summary>
    public static int StartingMemoryMb(string path, int maxMemoryMb)
    {
        var fileMb = File.Exists(path) ? new FileInfo(path).Length / (1024 * 1024) : 0;
        return (int)Math.Clamp(fileMb / 4, Math.Min(32, maxMemoryMb), maxMemoryMb);
    }

    /// <summary>The smallest ceiling accepted: below it DuckDB's own bookkeeping leaves queries nothing.</summary>
    public const int MinMemoryMb = 16;

    private readonly Lock _memoryGate = new();

    /// <summary>DuckDB's memory limit now, in MB.</summary>
    public int MemoryLimitMb { get; private set; }

    /// <summary>The ceiling <see cref="GrowMemory"/> stops at (LRS_ANALYTICS_MEMORY_MB), in MB.</summary>
    public int MaxMemoryMb { get; }

    /// <summary>
    /// After a query ran out of memory under a limit of <paramref name="failedUnderMb"/>: doubles the limit (up to the
    /// ceiling) and answers whether running the query again can help, which it also can when another caller has
    /// already raised it. The limit never shrinks again: a store that needed it once will need it again.
    /// </summary>
    public bool GrowMemory(int failedUnderMb)
    {
        lock (_memoryGate)
        {
            if (MemoryLimitMb > failedUnderMb)
            {
                return true;
            }

            if (MemoryLimitMb >= MaxMemoryMb)
            {
                return false;
            }

            // A connection of its own: the writer's belongs to the follower's thread. The limit is the instance's.
            using var connection = OpenRead();
            SetMemoryLimit(connection, Math.Min(MaxMemoryMb, MemoryLimitMb * 2));
            return true;
        }
    }

    private void SetMemoryLimit(DuckDBConnection connection, int mb)
    {
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET memory_limit = '{mb}MiB'");
        command.ExecuteNonQuery();
        MemoryLimitMb = mb;
    }

    public string RulesFingerprint { get; }

    /// <summary>What meta records: the rules fingerprint and the schema version the rows were written under.</summary>
    private string BuildStamp => RulesFingerprint + SchemaSeparator + SchemaVersion;

    /// <summary>True when opening found rows classified under other rules and emptied the projection.</summary>
    public bool ResetForRules { get; }

    /// <summary>True when opening found rows written under another <see cref="SchemaVersion"/> and emptied the projection.</summary>
    public bool ResetForSchema { get; }

    /// <summary>A connection for queries; dispose it after use (until then the instance is not released).</summary>
    public DuckDBConnection OpenRead()
    {
        var connection = new DuckDBConnection(_connectionString);
        TrackRead(connection);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose(); // ends the tracked read
            throw;
        }

        return connection;
    }

    public Checkpoint? GetCheckpoint(string store) => Progress(store).Checkpoint;

    /// <summary>Empties the projection (every store): the followers then replay their feeds from the start.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            using var tx = _writer.BeginTransaction();
            foreach (var table in Tables)
            {
                Execute($"DELETE FROM {table}");
            }

            using (var command = Command("INSERT OR REPLACE INTO meta VALUES ('rules', $rules)", ("rules", BuildStamp)))
            {
                command.ExecuteNonQuery();
            }

            tx.Commit();
            _progress.Clear();
        }
    }

    /// <summary>Forgets one store's rows, so its feed is replayed (a follower switched to another feed).</summary>
    public void ResetStore(string store)
    {
        lock (_gate)
        {
            using var tx = _writer.BeginTransaction();
            foreach (var table in Tables)
            {
                using var command = Command($"DELETE FROM {table} WHERE store = $store", ("store", store));
                command.ExecuteNonQuery();
            }

            tx.Commit();
            _progress.Remove(store);
        }
    }

    /// <summary>Adds a batch and moves the checkpoint, atomically.</summary>
    public void Apply(ProjectionBatch batch)
    {
        lock (_gate)
        {
            var before = ProgressUnlocked(batch.Store);
            var previous = before.Checkpoint;
            var seq = previous?.Seq ?? 0;
            var deleted = 0;
            var rows = batch.MayRepeat ? WithoutHeld(batch.Store, batch.Rows) : batch.Rows;
            DuckDbAllocator.WriteStarting(rows.Count);
            using var tx = _writer.BeginTransaction();
            if (rows.Count > 0)
            {
                var after = seq;
                seq = Append(batch.Store, rows, seq);
                CountWeeks(batch.Store, after, onlyDoomed: false, 1);
                CountAppended(rows.Count);
            }

            if (batch.Voids.Count > 0 || batch.VoidsNeverProjected.Count > 0)
            {
                deleted += DropVoided(batch.Store, batch.Voids, batch.VoidsNeverProjected, seq);
            }

            if (rows.Count > 0)
            {
                // Rows just added whose statement was voided before they arrived (a remote LRS does not flag them).
                deleted += DeleteRows(batch.Store, previous?.Seq ?? 0, "SELECT statement_id FROM voided WHERE store = $store");
            }

            Upsert("agents", batch.Store, batch.AgentNames);
            Upsert("teams", batch.Store, batch.TeamNames);
            Upsert("activity_names", batch.Store, batch.ActivityNames);
            var updated = UtcNowToMicroseconds();
            using (var checkpoint = Command(
                "INSERT OR REPLACE INTO checkpoints VALUES ($store, $cursor, $seq, $source, $updated)",
                ("store", batch.Store), ("cursor", batch.Cursor), ("seq", seq), ("source", batch.Source), ("updated", updated)))
            {
                checkpoint.ExecuteNonQuery();
            }

            tx.Commit();
            _progress[batch.Store] = new StoreProgress(before.Rows + rows.Count - deleted, new Checkpoint(batch.Cursor, seq, batch.Source), updated);
        }
    }

    public void Dispose()
    {
        StopReleaseTimer();
        lock (_gate)
        {
            _writer.Dispose();
        }
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
        var teams = new List<(long Seq, string Team, string? Actor)>();
        using (var appender = _writer.CreateAppender("facts"))
        {
            foreach (var r in rows)
            {
                seq++;
                foreach (var team in r.Teams)
                {
                    teams.Add((seq, team, r.Actor));
                }

                Classified(appender.CreateRow().AppendValue(store).AppendValue(seq).AppendValue(r.StatementId).AppendValue(r.Timestamp).AppendValue(r.Stored), r)
                    .EndRow();
            }
        }

        using (var appender = _writer.CreateAppender("topic_events"))
        {
            var rowSeq = seq - rows.Count;
            foreach (var r in rows)
            {
                rowSeq++;
                if (r.Topic is null || !(r.IsCompletion || r.Class == StatementClass.Social))
                {
                    continue;
                }

                Classified(appender.CreateRow().AppendValue(store).AppendValue(rowSeq).AppendValue(r.Timestamp), r).EndRow();
            }
        }

        if (teams.Count > 0)
        {
            using var appender = _writer.CreateAppender("fact_teams");
            foreach (var (rowSeq, team, actor) in teams)
            {
                appender.CreateRow().AppendValue(store).AppendValue(rowSeq).AppendValue(team).AppendValue(actor).EndRow();
            }
        }

        return seq;
    }

    /// <summary>The columns facts and topic_events share, class to is_answer, in their order.</summary>
    private static IDuckDBAppenderRow Classified(IDuckDBAppenderRow row, ProjectedRow r) =>
        row.AppendValue(r.Class.Name())
            .AppendValue(r.Topic)
            .AppendValue(r.Actor)
            .AppendValue(r.Verb)
            .AppendValue(r.ObjectId)
            .AppendValue(r.IsCompletion)
            .AppendValue(r.IsAsk)
            .AppendValue(r.IsAnswer);

    /// <summary>
    /// Deletes the rows after seq <paramref name="after"/> whose statement id the subquery gives, with their teams, topic
    /// events and weekly counts; returns how many.
    /// </summary>
    private int DeleteRows(string store, long after, string statementIds)
    {
        // Every batch asks, and nearly always nothing matches: one scan finds the rows, the rest only runs for some.
        Execute("CREATE TEMP TABLE IF NOT EXISTS doomed (seq BIGINT); DELETE FROM doomed;");
        int found;
        using (var find = Command(
            $"INSERT INTO doomed SELECT seq FROM facts WHERE store = $store AND seq > $after AND statement_id IN ({statementIds})",
            ("store", store), ("after", after)))
        {
            found = find.ExecuteNonQuery();
        }

        if (found == 0)
        {
            return 0;
        }

        CountWeeks(store, after, onlyDoomed: true, -1);
        foreach (var table in new[] { "topic_events", "fact_teams", "facts" })
        {
            using var delete = Command($"DELETE FROM {table} WHERE store = $store AND seq > $after AND seq IN (SELECT seq FROM doomed)", ("store", store), ("after", after));
            delete.ExecuteNonQuery();
        }

        using (var empty = Command("DELETE FROM weekly_counts WHERE store = $store AND n = 0", ("store", store)))
        {
            empty.ExecuteNonQuery();
        }

        return found;
    }

    /// <summary>
    /// Adds (sign 1) or takes away (sign -1) in the weekly counts a store's facts rows after seq <paramref name="after"/>,
    /// all of them or only those in the temp table doomed.
    /// </summary>
    private void CountWeeks(string store, long after, bool onlyDoomed, int sign)
    {
        using var command = Command(
            $"""
            INSERT INTO weekly_counts
            SELECT store, coalesce(topic, ''), date_trunc('week', ts), class, $sign * count(*) FROM facts
            WHERE store = $store AND seq > $after {(onlyDoomed ? "AND seq IN (SELECT seq FROM doomed)" : "")} GROUP BY ALL
            ON CONFLICT (store, topic, week, class) DO UPDATE SET n = n + excluded.n
            """,
            ("store", store), ("after", after), ("sign", (long)sign));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the voided ids and deletes their rows; returns how many rows it deleted. A target is nearly always recent
    /// (voided minutes after a mistake), so the recent rows are searched first; only targets not found there cost a scan
    /// of every row, which finds only those (the recent ones are gone by then).
    /// </summary>
    private int DropVoided(string store, IReadOnlyList<Guid> voids, IReadOnlyList<Guid> neverProjected, long seq)
    {
        Execute("CREATE TEMP TABLE IF NOT EXISTS staged_voids (statement_id UUID)");
        var targets = voids.Distinct().ToList();
        var deleted = 0;
        if (targets.Count > 0)
        {
            StageVoids(targets);
            deleted = DeleteRows(store, seq - RecentRows, "SELECT statement_id FROM staged_voids");
            if (deleted < targets.Count)
            {
                deleted += DeleteRows(store, long.MinValue, "SELECT statement_id FROM staged_voids");
            }
        }

        StageVoids(neverProjected.Distinct());

        using (var record = Command("INSERT INTO voided SELECT $store, statement_id FROM staged_voids", ("store", store)))
        {
            record.ExecuteNonQuery();
        }

        Execute("DELETE FROM staged_voids");
        return deleted;
    }

    private void StageVoids(IEnumerable<Guid> ids)
    {
        using var appender = _writer.CreateAppender("staged_voids");
        foreach (var id in ids)
        {
            appender.CreateRow().AppendValue(id).EndRow();
        }
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

        var column = table switch { "agents" => "agent", "teams" => "team", _ => "activity" };
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
