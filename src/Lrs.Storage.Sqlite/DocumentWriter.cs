using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// The document store's commands on the writer thread's connection, prepared once: a change reads the current document
/// and writes inside the writer's open transaction, so no other write comes between its read and its write.
/// </summary>
internal sealed class DocumentWriter(SqliteConnection connection) : IDisposable
{
    private readonly PreparedCommands _commands = new(connection);

    public StoredDocument? Find(long store, DocumentScope scope, string documentId)
    {
        var command = _commands.Command(SqliteDocumentStore.SelectOne);
        SqliteDocumentStore.Bind(command, store, scope, documentId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteDocumentStore.ReadDocument(reader) : null;
    }

    public void Upsert(long store, DocumentScope scope, StoredDocument document)
    {
        var command = _commands.Command(
            "INSERT INTO documents (store, kind, activity, agent, registration, doc_id, content, content_type, etag, updated) " +
            "VALUES ($store, $kind, $activity, $agent, $registration, $id, $content, $type, $etag, $updated) " +
            "ON CONFLICT (store, kind, activity, agent, registration, doc_id) DO UPDATE SET " +
            "content = excluded.content, content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated");
        SqliteDocumentStore.Bind(command, store, scope, document.Id);
        command.Parameters.AddWithValue("$content", document.Content);
        command.Parameters.AddWithValue("$type", document.ContentType);
        command.Parameters.AddWithValue("$etag", document.ETag);
        command.Parameters.AddWithValue("$updated", document.Updated.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    public void Delete(long store, DocumentScope scope, string documentId)
    {
        var command = _commands.Command($"DELETE FROM documents WHERE {SqliteDocumentStore.KeyWhere} AND doc_id = $id");
        SqliteDocumentStore.Bind(command, store, scope, documentId);
        command.ExecuteNonQuery();
    }

    public void DeleteAll(long store, DocumentScope scope)
    {
        var command = _commands.Command($"DELETE FROM documents WHERE {SqliteDocumentStore.KeyWhere}");
        SqliteDocumentStore.Bind(command, store, scope);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _commands.Dispose();
}
