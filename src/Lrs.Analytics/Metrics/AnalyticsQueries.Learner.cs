namespace Lrs.Analytics.Metrics;

/// <summary>A learner's own view, and the projection's status.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>One learner (by IFI key): their topics, weekly activity and latest statements; null when they have none.</summary>
    public LearnerTimeline? Learner(string store, string agentKey, string? topic, int recent)
    {
        using var connection = Open();
        var filter = topic is null ? "" : "AND topic = $topic";
        (string, object?) s = ("store", store), a = ("agent", agentKey), t = ("topic", topic);
        var topics = Sql.Query(connection, $"""
            WITH mine AS (
                SELECT topic, {ClassCounts}, min(ts) FILTER (WHERE is_completion), max(ts)
                FROM facts WHERE store = $store AND actor = $agent AND topic IS NOT NULL {filter} GROUP BY topic
            )
            SELECT m.*, n.name FROM mine m
            LEFT JOIN activity_names n ON n.store = $store AND n.activity = m.topic
            ORDER BY m.topic
            """,
            r => new LearnerTopic(r.GetString(0), NameOf(r.GetString(0), r.StringOrNull(7)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.UtcOrNull(5), r.Utc(6)),
            s, a, t);
        var weeks = Sql.Query(connection, $"""
            SELECT date_trunc('week', ts) AS week, {ClassCounts} FROM facts
            WHERE store = $store AND actor = $agent {filter} GROUP BY week ORDER BY week
            """, Week, s, a, t);
        if (weeks.Count == 0)
        {
            return null;
        }

        var events = Sql.Query(connection, $"""
            SELECT statement_id, ts, class, verb, topic, object_id FROM facts
            WHERE store = $store AND actor = $agent {filter}
            ORDER BY ts DESC, seq DESC LIMIT $limit
            """, r => new LearnerEvent(r.GetGuid(0), r.Utc(1), r.GetString(2), r.GetString(3), r.StringOrNull(4), r.StringOrNull(5)),
            s, a, t, ("limit", (long)recent));
        var name = Sql.Query(connection, "SELECT name FROM agents WHERE store = $store AND agent = $agent", r => r.GetString(0), s, a).FirstOrDefault();
        return new LearnerTimeline(AgentRef.FromKey(agentKey, name), topics, Continuous(weeks), events);
    }

    public ProjectionStatus Status(string store)
    {
        using var connection = Open();
        (string, object?) s = ("store", store);
        var rows = Sql.Query(connection, "SELECT count(*) FROM facts WHERE store = $store", r => r.GetInt64(0), s)[0];
        var checkpoint = Sql.Query(connection, "SELECT source, cursor, updated FROM checkpoints WHERE store = $store",
            r => (Source: r.GetString(0), Cursor: r.GetString(1), Updated: r.Utc(2)), s);
        return checkpoint.Count == 0
            ? new ProjectionStatus(store, null, null, rows, null, rules.Fingerprint)
            : new ProjectionStatus(store, checkpoint[0].Source, checkpoint[0].Cursor, rows, checkpoint[0].Updated, rules.Fingerprint);
    }
}
