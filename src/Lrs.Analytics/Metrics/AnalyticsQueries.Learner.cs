namespace Lrs.Analytics.Metrics;

/// <summary>A learner's own view, and the projection's status.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>
    /// One learner (by IFI key): their topics, weekly activity and latest statements; null when they have none (on the
    /// topic, if given). A filter narrows the statements shown; completedAt stays their t0, even outside the range, and
    /// a learner with nothing in the filter gets empty lists, not null.
    /// </summary>
    public LearnerTimeline? Learner(string store, string agentKey, string? topic, int recent, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var narrow = topic is null ? "" : "AND topic = $topic";
        var p = filter.With(("store", store), ("agent", agentKey), ("topic", topic));
        if (!filter.IsEmpty && Sql.Query(connection, $"SELECT 1 FROM facts WHERE store = $store AND actor = $agent {narrow} LIMIT 1", r => true, p).Count == 0)
        {
            return null;
        }

        var topics = Sql.Query(connection, $"""
            WITH mine AS (
                SELECT topic, {ClassCounts}, max(ts) AS last_activity
                FROM facts WHERE store = $store AND actor = $agent AND topic IS NOT NULL {narrow} {filter.Statements()} GROUP BY topic
            ),
            done AS (
                SELECT topic, min(ts) AS t0 FROM topic_events
                WHERE store = $store AND actor = $agent AND is_completion {narrow} GROUP BY topic
            )
            SELECT m.topic, m.n_formal, m.n_social, m.n_experiential, m.n_system, d.t0, m.last_activity, n.name FROM mine m
            LEFT JOIN done d ON d.topic = m.topic
            LEFT JOIN activity_names n ON n.store = $store AND n.activity = m.topic
            ORDER BY m.topic
            """,
            r => new LearnerTopic(r.GetString(0), NameOf(r.GetString(0), r.StringOrNull(7)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.UtcOrNull(5), r.Utc(6)),
            p);
        var weeks = Sql.Query(connection, $"""
            SELECT date_trunc('week', ts) AS week, {ClassCounts} FROM facts
            WHERE store = $store AND actor = $agent {narrow} {filter.Statements()} GROUP BY week ORDER BY week
            """, Week, p);
        if (weeks.Count == 0 && filter.IsEmpty)
        {
            return null;
        }

        var events = Sql.Query(connection, $"""
            SELECT statement_id, ts, class, verb, topic, object_id FROM facts
            WHERE store = $store AND actor = $agent {narrow} {filter.Statements()}
            ORDER BY ts DESC, seq DESC LIMIT $limit
            """, r => new LearnerEvent(r.GetGuid(0), r.Utc(1), r.GetString(2), r.GetString(3), r.StringOrNull(4), r.StringOrNull(5)),
            [.. p, ("limit", (long)recent)]);
        var name = Sql.Query(connection, "SELECT name FROM agents WHERE store = $store AND agent = $agent", r => r.GetString(0), p).FirstOrDefault();
        return new LearnerTimeline(AgentRef.FromKey(agentKey, name), topics, Continuous(weeks), events);
    }

    public ProjectionStatus Status(string store)
    {
        var progress = projection.Progress(store);
        return new ProjectionStatus(store, progress.Checkpoint?.Source, progress.Checkpoint?.Cursor, progress.Rows, progress.Updated, rules.Fingerprint);
    }
}
