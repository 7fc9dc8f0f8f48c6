using Lrs.Xapi.Documents;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// State, activity profile and agent profile documents. A change reads and writes inside one IMMEDIATE transaction,
/// which takes SQLite's write lock at once: two concurrent writes to a document are serialised, never interleaved.
/// </summary>
public sealed class SqliteDocumentStore(SqliteDatabase db, TimeProvider? clock = null) : IDocumentStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private const string KeyWhere =
        "store = $store AND kind = $kind AND activity = $activity AND agent = $agent AND registration = $registration";

    public async Task<StoredDocument?> GetAsync(string storeId, DocumentScope scope, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        return await ReadAsync(connection, null, db.StoreNumber(storeId), scope, documentId, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(string storeId, DocumentScope scope, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT doc_id FROM documents WHERE {KeyWhere} AND updated > $since ORDER BY doc_id";
        Bind(command, db.StoreNumber(storeId), scope);
        command.Parameters.AddWithValue("$since", since is { } s ? FloorMs(s) : long.MinValue);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<StoredDocument?> ChangeAsync(string storeId, DocumentScope scope, string documentId, Func<StoredDocument?, DocumentChange> decide, CancellationToken cancellationToken)
    {
        var store = db.StoreNumber(storeId);
        await using var connection = db.OpenWrite();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var current = await ReadAsync(connection, transaction, store, scope, documentId, cancellationToken);
        var change = decide(current);
        StoredDocument? result;
        switch (change)
        {
            case DocumentChange.ReplaceChange replace:
                result = new StoredDocument(documentId, replace.Content, replace.ContentType, DocumentETag.Compute(replace.Content),
                    DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
                await using (var upsert = connection.CreateCommand())
                {
                    upsert.Transaction = transaction;
                    upsert.CommandText =
                        "INSERT INTO documents (store, kind, activity, agent, registration, doc_id, content, content_type, etag, updated) " +
                        "VALUES ($store, $kind, $activity, $agent, $registration, $id, $content, $type, $etag, $updated) " +
                        "ON CONFLICT (store, kind, activity, agent, registration, doc_id) DO UPDATE SET " +
                        "content = excluded.content, content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated";
                    Bind(upsert, store, scope);
                    upsert.Parameters.AddWithValue("$id", documentId);
                    upsert.Parameters.AddWithValue("$content", replace.Content);
                    upsert.Parameters.AddWithValue("$type", replace.ContentType);
                    upsert.Parameters.AddWithValue("$etag", result.ETag);
                    upsert.Parameters.AddWithValue("$updated", result.Updated.ToUnixTimeMilliseconds());
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                }

                break;
            case DocumentChange.DeleteChange:
                result = null;
                await using (var delete = connection.CreateCommand())
                {
                    delete.Transaction = transaction;
                    delete.CommandText = $"DELETE FROM documents WHERE {KeyWhere} AND doc_id = $id";
                    Bind(delete, store, scope);
                    delete.Parameters.AddWithValue("$id", documentId);
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }

                break;
            default:
                result = current;
                break;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task DeleteAllAsync(string storeId, DocumentScope scope, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenWrite();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM documents WHERE {KeyWhere}";
        Bind(command, db.StoreNumber(storeId), scope);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocument>> GetAgentProfilesAsync(string storeId, string agentKey, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc_id, content, content_type, etag, updated FROM documents WHERE store = $store AND agent = $agent AND kind = $kind ORDER BY doc_id";
        command.Parameters.AddWithValue("$store", db.StoreNumber(storeId));
        command.Parameters.AddWithValue("$agent", agentKey);
        command.Parameters.AddWithValue("$kind", (int)DocumentKind.AgentProfile);
        var result = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadDocument(reader));
        }

        return result;
    }

    private static async Task<StoredDocument?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, long store, DocumentScope scope, string documentId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT doc_id, content, content_type, etag, updated FROM documents WHERE {KeyWhere} AND doc_id = $id";
        Bind(command, store, scope);
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    private static StoredDocument ReadDocument(SqliteDataReader reader) => new(
        reader.GetString(0),
        (byte[])reader.GetValue(1),
        reader.GetString(2),
        reader.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));

    private static void Bind(SqliteCommand command, long store, DocumentScope scope)
    {
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$kind", (int)scope.Kind);
        command.Parameters.AddWithValue("$activity", scope.ActivityId);
        command.Parameters.AddWithValue("$agent", scope.AgentKey);
        command.Parameters.AddWithValue("$registration", scope.Registration);
    }

    private static long FloorMs(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out var rest) - (rest < 0 ? 1 : 0);
    }
}
