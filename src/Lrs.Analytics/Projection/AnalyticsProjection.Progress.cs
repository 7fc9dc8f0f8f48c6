using System.Globalization;

namespace Lrs.Analytics.Projection;

/// <summary>What the projection holds for one store as of its last write: its rows, its checkpoint and when it moved.</summary>
public sealed record StoreProgress(long Rows, Checkpoint? Checkpoint, DateTime? Updated);

/// <summary>
/// Each store's progress kept in memory: read from the file the first time it is asked for (by the status, the
/// follower's checkpoint or a write), then set by every write that commits. The status endpoint is what monitors poll
/// (and the benchmark's lag sampler, once a second); answered from DuckDB, each poll opened a query connection, which
/// kept the instance and the memory its queries left from being released for as long as the polling went on (issue 6,
/// W5).
/// </summary>
public sealed partial class AnalyticsProjection
{
    private readonly Dictionary<string, StoreProgress> _progress = new(StringComparer.Ordinal);

    /// <summary>The store's rows and checkpoint as of the last committed write.</summary>
    public StoreProgress Progress(string store)
    {
        lock (_gate)
        {
            return ProgressUnlocked(store);
        }
    }

    /// <summary>Under the gate.</summary>
    private StoreProgress ProgressUnlocked(string store)
    {
        if (!_progress.TryGetValue(store, out var progress))
        {
            progress = ReadProgress(store);
            _progress[store] = progress;
        }

        return progress;
    }

    /// <summary>Under the gate, on the writer's connection: not a query, so it owes no release.</summary>
    private StoreProgress ReadProgress(string store)
    {
        long rows;
        using (var count = Command("SELECT count(*) FROM facts WHERE store = $store", ("store", store)))
        {
            rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using var command = Command("SELECT cursor, seq, source, updated FROM checkpoints WHERE store = $store", ("store", store));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoreProgress(rows, new Checkpoint(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc))
            : new StoreProgress(rows, null, null);
    }

    /// <summary>
    /// Now, to the microsecond: what DuckDB's TIMESTAMP keeps, so the time held in memory is the one a reread would give.
    /// </summary>
    private static DateTime UtcNowToMicroseconds()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }
}
