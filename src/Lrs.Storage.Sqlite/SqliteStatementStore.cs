using System.Text;
using System.Threading.Channels;
using Lrs.Xapi.Json;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// Statements in SQLite, and the database's one writer thread: it commits whatever writes are waiting in a single
/// transaction (group commit), statement batches and the document store's changes alike; when one batch is refused the
/// group is written again with a savepoint per write, so it does not take the others down. Checkpoints run beside the
/// writer (<see cref="WalCheckpointer"/>). Reads use connections kept open with their prepared statements
/// (<see cref="ReadConnectionPool"/>) and never wait for the writer (WAL).
/// </summary>
public sealed partial class SqliteStatementStore : IStatementStore, IDisposable
{
    /// <summary>How many statements one commit gathers at most; bounds a commit's latency.</summary>
    private const int MaxStatementsPerCommit = 5000;

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly ReadConnectionPool _reads;
    private long _lastStoredMs;
    private long _inFlightSinceMs = -1;

    public SqliteStatementStore(SqliteDatabase db, TimeProvider? clock = null)
    {
        _db = db;
        _clock = clock ?? TimeProvider.System;
        using (var connection = db.OpenRead())
        using (var command = connection.CreateCommand())
        {
            // Stored never decreases along the feed: the last row has the latest (max(stored) read a whole index).
            command.CommandText = "SELECT coalesce((SELECT stored FROM statements ORDER BY seq DESC LIMIT 1), 0)";
            _lastStoredMs = (long)command.ExecuteScalar()!;
        }

        _reads = new ReadConnectionPool(db);
        _checkpointer = new WalCheckpointer(db);
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "sqlite-statement-writer" };
        _writer.Start();
    }

    public DateTimeOffset ConsistentThrough
    {
        get
        {
            var inFlight = Interlocked.Read(ref _inFlightSinceMs);
            var now = _clock.GetUtcNow();
            return inFlight < 0 ? now : DateTimeOffset.FromUnixTimeMilliseconds(inFlight - 1);
        }
    }

    /// <summary>The database this store writes.</summary>
    internal SqliteDatabase Database => _db;

    /// <summary>Read connections with their prepared statements, for the document store's reads too.</summary>
    internal ReadConnectionPool Reads => _reads;

    public Task StoreAsync(string storeId, StatementBatch batch, CancellationToken cancellationToken) =>
        WriteAsync(new StatementsWrite(_db.StoreNumber(storeId), batch));

    /// <summary>
    /// Queues a write for the writer thread; the task ends when it is committed. Once queued it is written even if the
    /// caller goes away: cancelling half-way is not an option.
    /// </summary>
    internal Task WriteAsync(PendingWrite pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteStatementStore));
        }

        return pending.Completion.Task;
    }

    public void Dispose()
    {
        _reads.Dispose();
        _queue.Writer.TryComplete();
        _writer.Join(TimeSpan.FromSeconds(30));
        _checkpointer.Dispose();
    }

    private sealed class StatementsWrite(long store, StatementBatch batch) : PendingWrite
    {
        public override int Statements => batch.Statements.Count;

        public override void Write(WriterSession session) => session.Statements.Write(store, batch, session.NextStoredMs());
    }

    private void WriterLoop()
    {
        using var writer = new StatementWriter(_db.OpenWrite());
        using var documents = new DocumentWriter(writer.Connection);
        var session = new WriterSession(writer, documents, NextStoredMs);
        var group = new List<PendingWrite>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            var statements = 0;
            while (statements < MaxStatementsPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                statements += next.Statements;
            }

            WriteGroup(session, group);
            _checkpointer.Nudge();
        }
    }

    /// <summary>
    /// Writes a group in one transaction. Batches are nearly always accepted, so the group is first written without
    /// savepoints: a savepoint makes SQLite copy every page the batch touches to a sub-journal first, which cost more
    /// than the rows themselves. Only when a batch is refused is the group written again, each batch in its own
    /// savepoint, so the refused one fails alone.
    /// </summary>
    private void WriteGroup(WriterSession session, List<PendingWrite> group)
    {
        var writer = session.Statements;
        try
        {
            try
            {
                WriteTogether(session, group);
                NothingInFlight();
                foreach (var pending in group)
                {
                    pending.Committed();
                }

                return;
            }
            catch (Lrs.Xapi.Errors.XapiException e) when (group.Count == 1)
            {
                writer.Rollback();
                group[0].Completion.TrySetException(e);
                return;
            }
            catch (Lrs.Xapi.Errors.XapiException)
            {
                writer.Rollback();
            }

            WriteEachInSavepoint(session, group);
        }
        catch (Exception e)
        {
            // The database itself failed (disk full, I/O error): nothing of this group is stored.
            writer.Rollback();
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(e);
            }
        }
        finally
        {
            NothingInFlight();
        }
    }

    /// <summary>
    /// Consistent-Through stops holding back for the group, which is committed (or given up). Done before its writers
    /// are answered: answered first, a client reading the header right after its acknowledgement could be told a time
    /// before its own statement's stored time (the contract test that checks this failed now and then).
    /// </summary>
    private void NothingInFlight() => Interlocked.Exchange(ref _inFlightSinceMs, -1);

    private static void WriteTogether(WriterSession session, List<PendingWrite> group)
    {
        session.Statements.Begin();
        foreach (var pending in group)
        {
            pending.Write(session);
        }

        session.Statements.Commit();
    }

    private void WriteEachInSavepoint(WriterSession session, List<PendingWrite> group)
    {
        var writer = session.Statements;
        var failed = new Dictionary<PendingWrite, Exception>();
        writer.Begin();
        foreach (var pending in group)
        {
            writer.Savepoint();
            try
            {
                pending.Write(session);
                writer.Release();
            }
            catch (Lrs.Xapi.Errors.XapiException e)
            {
                writer.RollbackToSavepoint();
                failed[pending] = e;
            }
        }

        writer.Commit();
        NothingInFlight();
        foreach (var pending in group)
        {
            if (failed.TryGetValue(pending, out var error))
            {
                pending.Completion.TrySetException(error);
            }
            else
            {
                pending.Committed();
            }
        }
    }

    /// <summary>The stored time of the next batch: now, but never before the previous one (clocks step backwards).</summary>
    private long NextStoredMs()
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = Math.Max(now, _lastStoredMs);
        _lastStoredMs = stored;
        if (Interlocked.Read(ref _inFlightSinceMs) < 0)
        {
            Interlocked.Exchange(ref _inFlightSinceMs, stored);
        }

        return stored;
    }

    public async Task<StoredStatement?> GetAsync(string storeId, Guid id, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = _reads.Rent();
        var command = read.Command("SELECT seq, payload, stored, voided FROM statements WHERE store = $store AND id = $id");
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$id", Ids.ToBlob(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStatement(reader, id) : null;
    }

    public async Task<IReadOnlyList<AttachmentContent>> GetAttachmentsAsync(string storeId, IReadOnlyCollection<string> sha2s, CancellationToken cancellationToken)
    {
        var found = new List<AttachmentContent>();
        if (sha2s.Count == 0)
        {
            return found;
        }

        var store = _db.StoreNumber(storeId);
        await using var read = _reads.Rent();
        foreach (var sha2 in sha2s.Distinct(StringComparer.Ordinal))
        {
            var command = read.Command("SELECT content_type, content FROM attachments WHERE store = $store AND sha2 = $sha2");
            command.Parameters.AddWithValue("$store", store);
            command.Parameters.AddWithValue("$sha2", sha2);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found.Add(new AttachmentContent(sha2, reader.GetString(0), (byte[])reader.GetValue(1)));
            }
        }

        return found;
    }

    public async Task<JObject?> GetActivityDefinitionAsync(string storeId, string activityId, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = _reads.Rent();
        var command = read.Command("SELECT definition FROM activities WHERE store = $store AND iri = $iri");
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$iri", activityId);
        var definition = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return definition is null ? null : (JObject)XapiJson.Parse(definition);
    }

    public async Task<IReadOnlyList<StoredStatement>> ReadFeedAsync(string storeId, long afterPosition, int max, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = _reads.Rent();
        // "+store" keeps SQLite on the feed position (rowid) range; see BuildQuery.
        var command = read.Command("SELECT seq, payload, stored, voided, id FROM statements WHERE seq > $after AND +store = $store ORDER BY seq LIMIT $max");
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$max", max);
        var result = new List<StoredStatement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadStatement(reader, Ids.FromBlob((byte[])reader.GetValue(4))));
        }

        return result;
    }

    private static StoredStatement ReadStatement(SqliteDataReader reader, Guid id) => new(
        reader.GetInt64(0),
        id,
        Encoding.UTF8.GetString((byte[])reader.GetValue(1)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        reader.GetInt64(3) != 0);
}
