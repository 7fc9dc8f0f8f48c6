using System.Data.Common;
using DuckDB.NET.Data;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Metrics;

/// <summary>
/// Every dashboard figure as SQL over the projection. Each query reads one store's rows, narrowed by topic or learner;
/// none reads statement JSON. Each call uses its own connection, so queries run beside the follower's writes.
/// </summary>
public sealed partial class AnalyticsQueries(AnalyticsProjection projection, AnalyticsRules rules)
{
    private string? NameOf(string topic, string? held) => rules.TopicNames.TryGetValue(topic, out var name) ? name : held;

    private static AgentRef? Agent(DbDataReader r, int keyOrdinal, int nameOrdinal) =>
        r.IsDBNull(keyOrdinal) ? null : AgentRef.FromKey(r.GetString(keyOrdinal), r.StringOrNull(nameOrdinal));

    /// <summary>
    /// A connection inside a read transaction, closed (and so rolled back) by the caller: a figure built from several
    /// queries reads one snapshot. Without it the follower could commit between two of them, and a topic summary taken
    /// just after a voiding counted the voided completion in its mix but not in its completers (a test caught it).
    /// </summary>
    private DuckDBConnection Open()
    {
        var connection = projection.OpenRead();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN TRANSACTION";
        begin.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Weekly counts from sparse rows, with empty weeks filled in between the first and the last.</summary>
    private static List<WeekCounts> Continuous(List<WeekCounts> sparse)
    {
        if (sparse.Count == 0)
        {
            return sparse;
        }

        var byStart = sparse.ToDictionary(w => w.Start);
        var all = new List<WeekCounts>();
        for (var start = sparse[0].Start; start <= sparse[^1].Start; start = start.AddDays(7))
        {
            all.Add(byStart.TryGetValue(start, out var w) ? w : new WeekCounts(IsoWeeks.Label(start), start, 0, 0, 0, 0));
        }

        return all;
    }

    private const string ClassCounts = """
        count(*) FILTER (WHERE class = 'formal') AS n_formal,
        count(*) FILTER (WHERE class = 'social') AS n_social,
        count(*) FILTER (WHERE class = 'experiential') AS n_experiential,
        count(*) FILTER (WHERE class = 'system') AS n_system
        """;

    /// <summary>The class columns of <see cref="ClassCounts"/> from the weekly_counts rows, for unfiltered figures.</summary>
    private const string RolledUpCounts = """
        coalesce(CAST(sum(n) FILTER (WHERE class = 'formal') AS BIGINT), 0) AS n_formal,
        coalesce(CAST(sum(n) FILTER (WHERE class = 'social') AS BIGINT), 0) AS n_social,
        coalesce(CAST(sum(n) FILTER (WHERE class = 'experiential') AS BIGINT), 0) AS n_experiential,
        coalesce(CAST(sum(n) FILTER (WHERE class = 'system') AS BIGINT), 0) AS n_system
        """;

    /// <summary>
    /// Statements per ISO week and class among those <paramref name="narrow"/> picks (a condition on topic, or none):
    /// from weekly_counts without a filter, from the rows with one.
    /// </summary>
    private static string WeeksSql(string narrow, AnalyticsFilter filter) => filter.IsEmpty
        ? $"SELECT week, {RolledUpCounts} FROM weekly_counts WHERE store = $store {narrow} GROUP BY week ORDER BY week"
        : $"""
          SELECT date_trunc('week', ts) AS week, {ClassCounts} FROM facts
          WHERE store = $store {narrow} {filter.Statements()} GROUP BY week ORDER BY week
          """;

    private static WeekCounts Week(DbDataReader r)
    {
        var start = r.Utc(0);
        return new WeekCounts(IsoWeeks.Label(start), start, r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
    }
}
