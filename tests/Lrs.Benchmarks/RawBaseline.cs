using System.Diagnostics;
using Lrs.Storage.Sqlite;
using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks;

/// <summary>
/// The limit of the storage engine: the rows the LRS writes for a statement (payload row, index keys, statement-key
/// links, activity definitions), on the same schema and indexes (the LRS's own migrations) and the same connection
/// settings (WAL, synchronous=FULL), inserted by a minimal loop. Turning statements into rows (parse, prepare) happens
/// outside the clock: what is timed is only the database work, so every LRS figure is a fraction of this.
/// </summary>
public sealed class RawBaseline : IDisposable
{
    private const long Store = 1;
    private const int Chunk = 5_000;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommand _findKey;
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _activity;
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly Writer _writer = new(new JObject
    {
        ["objectType"] = "Agent",
        ["name"] = "bootstrap",
        ["account"] = new JObject { ["homePage"] = "http://localhost:8080", ["name"] = ServerProcess.Key },
    }, CanDefine: true);

    public RawBaseline(string path)
    {
        var db = new SqliteDatabase(path);
        db.StoreNumber("default");
        Path = path;
        _connection = db.OpenWrite();
        _insert = Prepare("INSERT INTO statements (store, id, stored, voided, voiding, authority, payload) VALUES ($s, $id, $stored, 0, $voiding, $authority, $payload) RETURNING seq");
        _insertKey = Prepare("INSERT INTO keys (key) VALUES ($key) ON CONFLICT (key) DO NOTHING RETURNING id");
        _findKey = Prepare("SELECT id FROM keys WHERE key = $key");
        _link = Prepare("INSERT OR IGNORE INTO statement_keys (key_id, seq) VALUES ($key, $seq)");
        _activity = Prepare("INSERT INTO activities (store, iri, definition) VALUES ($s, $iri, $definition) ON CONFLICT (store, iri) DO UPDATE SET definition = excluded.definition");
    }

    public string Path { get; }

    /// <summary>
    /// Fills the key cache from the file, for a baseline reopened on a file an earlier phase wrote: the loop that wrote
    /// it had every key cached, so a reopened one must too, or its first rows would pay a lookup per key. Off the clock,
    /// like turning statements into rows.
    /// </summary>
    public void LoadKeys()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, key FROM keys";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _keys[reader.GetString(1)] = reader.GetInt64(0);
        }
    }

    private sealed record Row(byte[] Id, byte[] Payload, bool Voiding, List<string> Keys, List<(string Iri, string Definition)> Definitions);

    /// <summary>Inserts the statements, <paramref name="perTransaction"/> to a commit; returns rows per second of database time.</summary>
    public double Insert(IEnumerable<string> lines, int perTransaction)
    {
        var clock = new Stopwatch();
        long rows = 0;
        foreach (var chunk in lines.Chunk(Chunk))
        {
            var prepared = chunk.Select(ToRow).ToList();
            clock.Start();
            foreach (var transaction in prepared.Chunk(perTransaction))
            {
                Exec("BEGIN IMMEDIATE");
                foreach (var row in transaction)
                {
                    Write(row);
                }

                Exec("COMMIT");
            }

            clock.Stop();
            rows += prepared.Count;
        }

        return rows / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
    }

    private Row ToRow(string line)
    {
        var prepared = StatementPreparer.Prepare((JObject)XapiJson.Parse(line), XapiVersion.V200, _writer);
        var payload = StatementStamp.ApplyUtf8(prepared.Utf8, DateTimeOffset.UtcNow, prepared.NeedsTimestamp);
        var index = prepared.Index;
        var keys = new List<string>(16);
        keys.AddRange(index.Agents.Select(a => StatementWriter.KeyText(Store, 'a', a)));
        keys.AddRange(index.RelatedAgents.Select(a => StatementWriter.KeyText(Store, 'r', a)));
        keys.Add(StatementWriter.KeyText(Store, 'v', index.Verb));
        keys.AddRange(index.Agents.Select(a => StatementWriter.KeyText(Store, 'w', StatementWriter.AgentVerb(a, index.Verb))));
        keys.AddRange(index.Activities.Select(a => StatementWriter.KeyText(Store, 'o', a)));
        keys.AddRange(index.RelatedActivities.Select(a => StatementWriter.KeyText(Store, 'q', a)));
        if (index.Registration is { } registration)
        {
            keys.Add(StatementWriter.KeyText(Store, 'g', registration.ToString("D")));
        }

        keys.Add(StatementWriter.KeyText(Store, 'u', prepared.AuthorityKey!));
        var definitions = prepared.Definitions.Select(d => (d.ActivityId, XapiJson.Serialize(d.Definition))).ToList();
        return new Row(prepared.Id.ToByteArray(bigEndian: true), payload, prepared.Voids is not null, keys, definitions);
    }

    private void Write(Row row)
    {
        var authority = KeyId(row.Keys[^1]);
        _insert.Parameters[0].Value = Store;
        _insert.Parameters[1].Value = row.Id;
        _insert.Parameters[2].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _insert.Parameters[3].Value = row.Voiding ? 1 : 0;
        _insert.Parameters[4].Value = authority;
        _insert.Parameters[5].Value = row.Payload;
        var seq = (long)_insert.ExecuteScalar()!;
        for (var i = 0; i < row.Keys.Count - 1; i++)
        {
            _link.Parameters[0].Value = KeyId(row.Keys[i]);
            _link.Parameters[1].Value = seq;
            _link.ExecuteNonQuery();
        }

        foreach (var (iri, definition) in row.Definitions)
        {
            _activity.Parameters[0].Value = Store;
            _activity.Parameters[1].Value = iri;
            _activity.Parameters[2].Value = definition;
            _activity.ExecuteNonQuery();
        }
    }

    private long KeyId(string key)
    {
        if (_keys.TryGetValue(key, out var id))
        {
            return id;
        }

        _insertKey.Parameters[0].Value = key;
        if (_insertKey.ExecuteScalar() is long created)
        {
            id = created;
        }
        else
        {
            _findKey.Parameters[0].Value = key;
            id = (long)_findKey.ExecuteScalar()!;
        }

        _keys[key] = id;
        return id;
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private void Exec(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _insert, _insertKey, _findKey, _link, _activity })
        {
            command.Dispose();
        }

        _connection.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
