using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// The writer thread's connection and its prepared commands. Transactions are plain SQL (BEGIN IMMEDIATE, SAVEPOINT)
/// so one long-lived connection can nest a savepoint per batch inside a group commit.
/// </summary>
internal sealed class StatementWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _findById;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _markVoided;
    private readonly SqliteCommand _recordVoid;
    private readonly SqliteCommand _isVoided;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommand _findKey;
    private const int MaxLinksPerInsert = 32;
    private readonly Dictionary<int, SqliteCommand> _linkInserts = [];
    private readonly List<long> _linkIds = new(32);
    private readonly SqliteCommand _findActivity;
    private readonly SqliteCommand _upsertActivity;
    private readonly SqliteCommand _insertAttachment;

    // Ids of index keys, by a hash of their text (KeyIdCache says why), and the buffer their texts are built in. The
    // buffer has a fixed size: grown to fit, one statement with a megabyte-long IRI would have kept megabytes for good.
    private readonly KeyIdCache _keyIds = new();
    private readonly char[] _keyText = new char[1024];

    // The last definition merged per activity, in the open transaction or committed; forgotten on any rollback. Only
    // this writer changes definitions (one writer thread per database), so what it merged is what is held.
    private const int MaxMergedCache = 10_000;
    private readonly Dictionary<(long Store, string Iri), JObject> _lastMerged = [];

    public StatementWriter(SqliteConnection connection)
    {
        _connection = connection;
        _findById = Prepare("SELECT seq, payload, voiding FROM statements WHERE store = $store AND id = $id", "$store", "$id");
        _insert = Prepare(
            "INSERT INTO statements (store, id, stored, voided, voiding, authority, payload) VALUES ($store, $id, $stored, $voided, $voiding, $authority, $payload) ON CONFLICT (store, id) DO NOTHING RETURNING seq",
            "$store", "$id", "$stored", "$voided", "$voiding", "$authority", "$payload");
        _markVoided = Prepare("UPDATE statements SET voided = 1 WHERE store = $store AND id = $id", "$store", "$id");
        _recordVoid = Prepare("INSERT OR IGNORE INTO voids (store, target, voiding_seq) VALUES ($store, $target, $seq)", "$store", "$target", "$seq");
        _isVoided = Prepare("SELECT 1 FROM voids WHERE store = $store AND target = $target", "$store", "$target");
        _insertKey = Prepare("INSERT INTO keys (key) VALUES ($key) ON CONFLICT (key) DO NOTHING RETURNING id", "$key");
        _findKey = Prepare("SELECT id FROM keys WHERE key = $key", "$key");
        _findActivity = Prepare("SELECT definition FROM activities WHERE store = $store AND iri = $iri", "$store", "$iri");
        _upsertActivity = Prepare(
            "INSERT INTO activities (store, iri, definition) VALUES ($store, $iri, $definition) ON CONFLICT (store, iri) DO UPDATE SET definition = excluded.definition",
            "$store", "$iri", "$definition");
        _insertAttachment = Prepare(
            "INSERT OR IGNORE INTO attachments (store, sha2, content_type, content) VALUES ($store, $sha2, $type, $content)",
            "$store", "$sha2", "$type", "$content");
    }

    /// <summary>The writer thread's connection, which the document writes share (<see cref="DocumentWriter"/>).</summary>
    public SqliteConnection Connection => _connection;

    public void Begin() => Exec("BEGIN IMMEDIATE");

    public void Commit()
    {
        Exec("COMMIT");
        _keyIds.Committed();
    }

    public void Rollback()
    {
        if (!_connection.State.HasFlag(System.Data.ConnectionState.Open))
        {
            return;
        }

        try
        {
            Exec("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (BEGIN itself failed): nothing to undo.
        }

        _keyIds.RolledBack();
        _lastMerged.Clear();
    }

    public void Savepoint()
    {
        Exec("SAVEPOINT batch");
        _keyIds.SavepointStarted();
    }

    public void Release()
    {
        Exec("RELEASE batch");
        _keyIds.SavepointReleased();
    }

    public void RollbackToSavepoint()
    {
        Exec("ROLLBACK TO batch");
        Exec("RELEASE batch");
        _keyIds.SavepointRolledBack();
        _lastMerged.Clear();
    }

    /// <summary>Writes one batch (inside the open savepoint). Throws an XapiException when the batch must be refused.</summary>
    public void Write(long store, StatementBatch batch, long storedMs)
    {
        foreach (var statement in batch.Statements)
        {
            WriteStatement(store, statement, storedMs);
        }

        foreach (var attachment in batch.Attachments)
        {
            Run(_insertAttachment, store, attachment.Sha2, attachment.ContentType, attachment.Content);
        }
    }

    private void WriteStatement(long store, StatementToStore s, long storedMs)
    {
        var idBlob = Ids.ToBlob(s.Id);
        if (s.Voids is { } target)
        {
            _findById.Parameters["$store"].Value = store;
            _findById.Parameters["$id"].Value = Ids.ToBlob(target);
            using var reader = _findById.ExecuteReader();
            if (reader.Read() && reader.GetInt64(2) != 0)
            {
                throw new ValidationException("object.id", $"statement {target} is itself a voiding statement and cannot be voided");
            }
        }

        var voidedAlready = Scalar(_isVoided, store, idBlob) is not null;
        var authority = s.AuthorityKey is null ? (long?)null : KeyId(store, 'u', s.AuthorityKey);
        var stored = DateTimeOffset.FromUnixTimeMilliseconds(storedMs);
        var payload = StatementStamp.ApplyUtf8(s.Utf8, stored, s.NeedsTimestamp);

        // The unique id index answers "already stored?" as part of the insert: no separate lookup for new statements,
        // which are nearly all of them.
        if (Scalar(_insert, store, idBlob, storedMs, voidedAlready ? 1 : 0, s.Voids is null ? 0 : 1, authority, payload) is not long seq)
        {
            var existing = FindExisting(store, idBlob)!;
            if (!SameStatement(existing, s))
            {
                throw new ConflictException($"statement {s.Id} is already stored with different content");
            }

            return; // The same statement again: nothing to do, and not an error.
        }

        if (s.Voids is { } voided)
        {
            var voidedBlob = Ids.ToBlob(voided);
            Run(_markVoided, store, voidedBlob);
            Run(_recordVoid, store, voidedBlob, seq);
        }

        WriteKeys(store, s.Index, seq);
        if ((s.RefersTo ?? s.Voids) is { } referred && FindExisting(store, Ids.ToBlob(referred)) is { } target2)
        {
            // A statement about another statement, voiding ones included, matches that statement's filters too
            // (Communication 2.1.3, "Filter Conditions for StatementRefs").
            WriteKeys(store, StatementIndexer.Build((JObject)XapiJson.Parse(target2.Payload)), seq);
        }

        foreach (var definition in s.Definitions)
        {
            MergeDefinition(store, definition);
        }
    }

    /// <summary>
    /// Merges a definition into the canonical one. Most statements repeat the definition their activity already has:
    /// merging the same definition again changes nothing (incoming properties win, others stay), so a definition equal
    /// to the last one merged for that activity is skipped without reading, parsing and rewriting the held one.
    /// </summary>
    private void MergeDefinition(long store, ActivityDefinition definition)
    {
        var cacheKey = (store, definition.ActivityId);
        if (_lastMerged.TryGetValue(cacheKey, out var last) && JToken.DeepEquals(last, definition.Definition))
        {
            return;
        }

        var held = (string?)Scalar(_findActivity, store, definition.ActivityId);
        var merged = ActivityDefinitions.Merge(held is null ? null : (JObject)XapiJson.Parse(held), definition.Definition);
        Run(_upsertActivity, store, definition.ActivityId, XapiJson.Serialize(merged));
        if (_lastMerged.Count >= MaxMergedCache)
        {
            _lastMerged.Clear();
        }

        // A copy: the definition's parent chain would otherwise keep its whole statement alive in the cache.
        _lastMerged[cacheKey] = (JObject)definition.Definition.DeepClone();
    }

    private void WriteKeys(long store, StatementIndex index, long seq)
    {
        var ids = _linkIds;
        ids.Clear();
        foreach (var a in index.Agents)
        {
            ids.Add(KeyId(store, 'a', a));
        }

        foreach (var a in index.RelatedAgents)
        {
            ids.Add(KeyId(store, 'r', a));
        }

        ids.Add(KeyId(store, 'v', index.Verb));
        foreach (var a in index.Agents)
        {
            ids.Add(KeyId(store, 'w', a, index.Verb));
        }

        foreach (var a in index.Activities)
        {
            ids.Add(KeyId(store, 'o', a));
        }

        foreach (var a in index.RelatedActivities)
        {
            ids.Add(KeyId(store, 'q', a));
        }

        if (index.Registration is { } registration)
        {
            ids.Add(KeyId(store, 'g', registration.ToString("D")));
        }

        LinkKeys(ids, seq);
    }

    /// <summary>
    /// The value of an agent-and-verb key. The separator (U+001F) cannot occur in a verb, which is an IRI, so the pair
    /// reads back one way only.
    /// </summary>
    internal static string AgentVerb(string agent, string verb) => string.Concat(agent, AgentVerbSeparator.ToString(), verb);

    private const char AgentVerbSeparator = '\u001f';

    /// <summary>The text of a key: the store's number, its kind and its value, as in "1|v|http://...".</summary>
    internal static string KeyText(long store, char kind, string value) =>
        string.Create(
            KeyTextLength(store, value, null), (store, kind, value),
            static (text, key) => WriteKeyText(text, key.store, key.kind, key.value, null));

    /// <summary>The length of <see cref="KeyText"/>'s text; with <paramref name="verb"/>, of the agent-and-verb key.</summary>
    private static int KeyTextLength(long store, string value, string? verb) =>
        StoreDigits(store) + 3 + value.Length + (verb is null ? 0 : 1 + verb.Length);

    /// <summary>
    /// Writes <see cref="KeyText"/>'s text into <paramref name="text"/>, which is exactly as long; with
    /// <paramref name="verb"/>, the text of the key whose value is <see cref="AgentVerb"/>(value, verb).
    /// </summary>
    private static void WriteKeyText(Span<char> text, long store, char kind, string value, string? verb)
    {
        store.TryFormat(text, out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        text[digits] = '|';
        text[digits + 1] = kind;
        text[digits + 2] = '|';
        value.CopyTo(text[(digits + 3)..]);
        if (verb is not null)
        {
            text[digits + 3 + value.Length] = AgentVerbSeparator;
            verb.CopyTo(text[(digits + 4 + value.Length)..]);
        }
    }

    private static int StoreDigits(long store)
    {
        Span<char> digits = stackalloc char[20];
        store.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>
    /// A statement's index rows in one INSERT of several rows: each execution of a statement costs more in binding and
    /// stepping than the row it adds, and a statement has about ten keys.
    /// </summary>
    private void LinkKeys(List<long> ids, long seq)
    {
        for (var start = 0; start < ids.Count; start += MaxLinksPerInsert)
        {
            var count = Math.Min(MaxLinksPerInsert, ids.Count - start);
            if (!_linkInserts.TryGetValue(count, out var command))
            {
                var values = string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"($k{i}, $seq)")));
                command = Prepare("INSERT OR IGNORE INTO statement_keys (key_id, seq) VALUES " + values,
                    [.. Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$k{i}")), "$seq"]);
                _linkInserts[count] = command;
            }

            for (var i = 0; i < count; i++)
            {
                command.Parameters[i].Value = ids[start + i];
            }

            command.Parameters[count].Value = seq;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The id of a key (the text <see cref="KeyText"/> gives; with <paramref name="verb"/>, of the agent-and-verb pair
    /// <paramref name="value"/> and verb), created if new. The text is built in a reused buffer and becomes a string
    /// only when the database is asked.
    /// </summary>
    private long KeyId(long store, char kind, string value, string? verb = null)
    {
        var length = KeyTextLength(store, value, verb);
        var text = length <= _keyText.Length ? _keyText.AsSpan(0, length) : new char[length];
        WriteKeyText(text, store, kind, value, verb);
        var hash = _keyIds.Hash(text);
        if (_keyIds.TryGet(hash, out var id))
        {
            return id;
        }

        var key = new string(text);
        id = Scalar(_insertKey, key) is long created ? created : (long)Scalar(_findKey, key)!;
        _keyIds.AddFromTransaction(hash, id);
        return id;
    }

    private sealed record Existing(string Payload);

    private Existing? FindExisting(long store, byte[] idBlob)
    {
        _findById.Parameters["$store"].Value = store;
        _findById.Parameters["$id"].Value = idBlob;
        using var reader = _findById.ExecuteReader();
        return reader.Read() ? new Existing(Encoding.UTF8.GetString((byte[])reader.GetValue(1))) : null;
    }

    /// <summary>
    /// Compares a stored statement with a new one of the same id. A timestamp the LRS filled in (equal to stored) is
    /// not the client's, so it is left out when the new statement has none either.
    /// </summary>
    private static bool SameStatement(Existing existing, StatementToStore incoming)
    {
        var held = (JObject)XapiJson.Parse(existing.Payload);
        var candidate = incoming.Statement;
        if (incoming.NeedsTimestamp && (string?)held["timestamp"] == (string?)held["stored"])
        {
            held.Remove("timestamp");
        }

        return StatementComparer.AreEqual(held, candidate);
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = p });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    private void Exec(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _findById, _insert, _markVoided, _recordVoid, _isVoided, _insertKey, _findKey, _findActivity, _upsertActivity, _insertAttachment }.Concat(_linkInserts.Values))
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
