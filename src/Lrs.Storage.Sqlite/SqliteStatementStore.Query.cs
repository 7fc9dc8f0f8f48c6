using System.Globalization;
using System.Text;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// Statement queries. Filters become index keys; the most selective key drives a walk of statement_keys in feed order
/// and the others are probed by primary key, so a page costs about "limit" lookups however large the store is.
/// since/until become feed-position bounds, which is exact because stored never decreases along the feed.
/// </summary>
public sealed partial class SqliteStatementStore
{
    public async Task<StatementPage> QueryAsync(string storeId, StatementFilter filter, CancellationToken cancellationToken)
    {
        var store = _db.StoreNumber(storeId);
        await using var read = _reads.Rent();

        // Most selective first: a registration or an activity narrows more than an agent, an agent more than a verb.
        var keyTexts = new List<string>(4);
        if (filter.Registration is { } registration)
        {
            keyTexts.Add(StatementWriter.KeyText(store, 'g', registration.ToString("D")));
        }

        if (filter.Activity is { } activity)
        {
            keyTexts.Add(StatementWriter.KeyText(store, filter.RelatedActivities ? 'q' : 'o', activity));
        }

        long low = filter.After ?? 0;
        long high = filter.Before is { } before ? before - 1 : long.MaxValue;
        if (filter.Since is { } since)
        {
            low = Math.Max(low, await LastSeqStoredAtOrBeforeAsync(read, store, since, cancellationToken) ?? 0);
        }

        if (filter.Until is { } until)
        {
            var last = await LastSeqStoredAtOrBeforeAsync(read, store, until, cancellationToken);
            if (last is null)
            {
                return new StatementPage([], false);
            }

            high = Math.Min(high, last.Value);
        }

        if (filter is { Agent: { } pairAgent, Verb: { } pairVerb, RelatedAgents: false } && low >= _db.AgentVerbKeysAfter)
        {
            // One key for both: its rows are exactly the matches, where the agent's rows mostly hold other verbs.
            keyTexts.Add(StatementWriter.KeyText(store, 'w', StatementWriter.AgentVerb(pairAgent, pairVerb)));
        }
        else
        {
            if (filter.Agent is { } agent)
            {
                keyTexts.Add(StatementWriter.KeyText(store, filter.RelatedAgents ? 'r' : 'a', agent));
            }

            if (filter.Verb is { } verb)
            {
                keyTexts.Add(StatementWriter.KeyText(store, 'v', verb));
            }
        }

        var keyIds = new List<long>(keyTexts.Count);
        foreach (var key in keyTexts)
        {
            var id = await FindKeyAsync(read, key, cancellationToken);
            if (id is null)
            {
                return new StatementPage([], false); // A value never seen cannot match anything.
            }

            keyIds.Add(id.Value);
        }

        long? authority = null;
        if (filter.AuthorityKey is { } authorityKey)
        {
            authority = await FindKeyAsync(read, StatementWriter.KeyText(store, 'u', authorityKey), cancellationToken);
            if (authority is null)
            {
                return new StatementPage([], false);
            }
        }

        if (keyIds.Count > 1 && !await DriveBySmallestKeyAsync(read, keyIds, low, high, cancellationToken))
        {
            return new StatementPage([], false); // One of the keys has no statement in the range.
        }

        var command = read.Command(BuildQuery(keyIds.Count, authority is not null, filter.Ascending));
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$low", low);
        command.Parameters.AddWithValue("$high", high);
        command.Parameters.AddWithValue("$limit", filter.Limit + 1);
        for (var i = 0; i < keyIds.Count; i++)
        {
            command.Parameters.AddWithValue("$k" + i.ToString(CultureInfo.InvariantCulture), keyIds[i]);
        }

        if (authority is not null)
        {
            command.Parameters.AddWithValue("$authority", authority.Value);
        }

        var statements = new List<StoredStatement>(Math.Min(filter.Limit + 1, 512));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(new StoredStatement(
                reader.GetInt64(0),
                Ids.FromBlob((byte[])reader.GetValue(4)),
                Encoding.UTF8.GetString((byte[])reader.GetValue(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                false));
        }

        var hasMore = statements.Count > filter.Limit;
        if (hasMore)
        {
            statements.RemoveAt(statements.Count - 1);
        }

        return new StatementPage(statements, hasMore);
    }

    private static string BuildQuery(int keys, bool authority, bool ascending)
    {
        var order = ascending ? "ASC" : "DESC";
        var sql = new StringBuilder();
        if (keys == 0)
        {
            // "+s.store": not a term for an index. Offered statements_by_stored (store = ?), SQLite read the store's
            // every row and sorted them for each page: O(N) a page, so reading a whole store was O(N^2).
            sql.Append("SELECT s.seq, s.payload, s.stored, s.voided, s.id FROM statements s WHERE s.seq > $low AND s.seq <= $high AND +s.store = $store AND s.voided = 0");
        }
        else
        {
            // CROSS JOIN fixes the join order: walk the first key's rows in feed order and probe the other keys'
            // narrow rows before the statement's, so a walked row that fails a key costs no read of the statements
            // table (a random page among the payloads: at 10M statements most of the walk's time).
            sql.Append("SELECT s.seq, s.payload, s.stored, s.voided, s.id FROM statement_keys k0");
            for (var i = 1; i < keys; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $" CROSS JOIN statement_keys k{i} ON k{i}.key_id = $k{i} AND k{i}.seq = k0.seq");
            }

            sql.Append(" CROSS JOIN statements s ON s.seq = k0.seq");
            sql.Append(" WHERE k0.key_id = $k0 AND k0.seq > $low AND k0.seq <= $high AND +s.store = $store AND s.voided = 0");
        }

        if (authority)
        {
            sql.Append(" AND s.authority = $authority");
        }

        sql.Append(keys == 0 ? $" ORDER BY s.seq {order}" : $" ORDER BY k0.seq {order}");
        sql.Append(" LIMIT $limit");
        return sql.ToString();
    }

    /// <summary>
    /// Rows of a key are counted up to this many first: enough to tell a narrow key from a broad one, cheap for both.
    /// Keys that tie at the cap are counted again up to 16 times as many, up to <see cref="MaxCountCap"/>: at 10M
    /// statements a learner has more rows than the first cap, and a tie left a course's million rows driving the walk.
    /// </summary>
    private const int CountCap = 256;

    private const int MaxCountCap = 65_536;

    /// <summary>
    /// Puts first the key with the fewest rows in the feed range, so the walk visits few rows whatever the kinds: a
    /// course with related_activities matches far more statements than one learner, a rare verb fewer than a busy
    /// learner. Keys still tied at <see cref="MaxCountCap"/> keep the static order among themselves.
    /// False when a key has no row in the range, so nothing can match.
    /// </summary>
    private static async Task<bool> DriveBySmallestKeyAsync(PooledRead read, List<long> keyIds, long low, long high, CancellationToken cancellationToken)
    {
        var command = read.Command("SELECT count(*) FROM (SELECT 1 FROM statement_keys WHERE key_id = $key AND seq > $low AND seq <= $high LIMIT $cap)");
        var key = command.Parameters.Add("$key", SqliteType.Integer);
        command.Parameters.AddWithValue("$low", low);
        command.Parameters.AddWithValue("$high", high);
        var cap = command.Parameters.Add("$cap", SqliteType.Integer);
        var counts = new long[keyIds.Count];
        var recount = Enumerable.Range(0, keyIds.Count).ToList();
        for (var limit = CountCap; recount.Count > 0; limit *= 16)
        {
            cap.Value = limit;
            foreach (var i in recount)
            {
                key.Value = keyIds[i];
                counts[i] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            if (counts.Contains(0))
            {
                return false;
            }

            // Only keys tied at the cap for the fewest rows leave the driver open: a key under the cap drives.
            recount = recount.Where(i => counts[i] == limit).ToList();
            if (recount.Count < 2 || counts.Min() < limit || limit >= MaxCountCap)
            {
                break;
            }
        }

        var order = Enumerable.Range(0, keyIds.Count).OrderBy(i => counts[i]).ThenBy(i => i).Select(i => keyIds[i]).ToList();
        keyIds.Clear();
        keyIds.AddRange(order);
        return true;
    }

    private static async Task<long?> FindKeyAsync(PooledRead read, string key, CancellationToken cancellationToken)
    {
        var command = read.Command("SELECT id FROM keys WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>The feed position of the last statement stored at or before an instant (null if none).</summary>
    private static async Task<long?> LastSeqStoredAtOrBeforeAsync(PooledRead read, long store, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var command = read.Command("SELECT seq FROM statements WHERE store = $store AND stored <= $ms ORDER BY stored DESC, seq DESC LIMIT 1");
        command.Parameters.AddWithValue("$store", store);
        // Stored is kept in whole milliseconds: "stored <= instant" is "stored_ms <= floor(instant in ms)".
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        command.Parameters.AddWithValue("$ms", Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out var rest) - (rest < 0 ? 1 : 0));
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : null;
    }
}
