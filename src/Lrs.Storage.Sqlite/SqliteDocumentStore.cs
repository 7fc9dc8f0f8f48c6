using Lrs.Xapi.Documents;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// State, activity profile and agent profile documents, written by the statement store's writer thread inside its group
/// commits and read through its pooled read connections. Each change once opened a connection of its own and committed
/// its own IMMEDIATE transaction: it waited (in SQLite's busy handler, which sleeps) for the statement writer's lock and
/// the writer waited for its, and under State PUTs beside statement POSTs both had tails of over a second (issue 6).
/// On the writer thread a change still reads and writes with no other write in between.
/// </summary>
public sealed class SqliteDocumentStore(SqliteStatementStore statements, TimeProvider? clock = null) : IDocumentStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SqliteDatabase _db = statements.Database;

    internal const string KeyWhere =
        "store = $store AND kind = $kind AND activity = $activity AND agent = $agent AND registration = $registration";

    /// <summary>The columns <see cref="ReadDocument"/> reads, in its order.</summary>
    private const string Columns = "doc_id, content, content_type, etag, updated";

    internal const string SelectOne = $"SELECT {Columns} FROM documents WHERE {KeyWhere} AND doc_id = $id";

    public async Task<StoredDocument?> GetAsync(string storeId, DocumentScope scope, string documentId, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = statements.Reads.Rent();
        var command = read.Command(SelectOne);
        Bind(command, store, scope, documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(string storeId, DocumentScope scope, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = statements.Reads.Rent();
        var command = read.Command($"SELECT doc_id FROM documents WHERE {KeyWhere} AND updated > $since ORDER BY doc_id");
        Bind(command, store, scope);
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
        var change = new ChangeWrite(_db.StoreNumber(storeId), scope, documentId, decide, _clock);
        await statements.WriteAsync(change);
        return change.Result;
    }

    public Task DeleteAllAsync(string storeId, DocumentScope scope, CancellationToken cancellationToken) =>
        statements.WriteAsync(new DeleteAllWrite(_db.StoreNumber(storeId), scope));

    public async Task<IReadOnlyList<StoredDocument>> GetAgentProfilesAsync(string storeId, string agentKey, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = statements.Reads.Rent();
        var command = read.Command($"SELECT {Columns} FROM documents WHERE store = $store AND agent = $agent AND kind = $kind ORDER BY doc_id");
        command.Parameters.AddWithValue("$store", store);
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

    internal static StoredDocument ReadDocument(SqliteDataReader reader) => new(
        reader.GetString(0),
        (byte[])reader.GetValue(1),
        reader.GetString(2),
        reader.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));

    /// <summary>Binds one document's key: its scope (<see cref="KeyWhere"/>) and its id ($id).</summary>
    internal static void Bind(SqliteCommand command, long store, DocumentScope scope, string documentId)
    {
        Bind(command, store, scope);
        command.Parameters.AddWithValue("$id", documentId);
    }

    internal static void Bind(SqliteCommand command, long store, DocumentScope scope)
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

    /// <summary>One read-decide-write of a document on the writer thread.</summary>
    private sealed class ChangeWrite(long store, DocumentScope scope, string documentId, Func<StoredDocument?, DocumentChange> decide, TimeProvider clock) : PendingWrite
    {
        public StoredDocument? Result { get; private set; }

        public override void Write(WriterSession session)
        {
            var documents = session.Documents;
            Refusal = null;
            var current = documents.Find(store, scope, documentId);
            DocumentChange change;
            try
            {
                change = decide(current);
            }
            catch (Exception e)
            {
                // Refused before anything was written (a precondition, a conflict, a bad merge): this change alone fails.
                Refusal = e;
                return;
            }

            switch (change)
            {
                case DocumentChange.ReplaceChange replace:
                    Result = new StoredDocument(documentId, replace.Content, replace.ContentType, DocumentETag.Compute(replace.Content),
                        DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()));
                    documents.Upsert(store, scope, Result);
                    break;
                case DocumentChange.DeleteChange:
                    Result = null;
                    documents.Delete(store, scope, documentId);
                    break;
                default:
                    Result = current;
                    break;
            }
        }
    }

    private sealed class DeleteAllWrite(long store, DocumentScope scope) : PendingWrite
    {
        public override void Write(WriterSession session) => session.Documents.DeleteAll(store, scope);
    }
}
