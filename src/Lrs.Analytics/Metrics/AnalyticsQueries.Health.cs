namespace Lrs.Analytics.Metrics;

/// <summary>Classification health: what fell into experiential by default, and what has no topic.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>How many object activities are looked up for their type: the rest are a long tail of single reads.</summary>
    public const int HealthActivityLimit = 2000;

    /// <summary>Verbs listed per section; a rules file is tuned from the frequent ones.</summary>
    public const int HealthVerbLimit = 100;

    /// <summary>
    /// Counts over the statements the filter keeps (timestamp in [from, to), naming the team; a statement is what the
    /// rules classify, so the filter narrows statements only): totals, experiential statements per verb and per object
    /// activity, and statements without a topic per verb and class.
    /// </summary>
    public ClassificationCounts ClassificationHealth(string store, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var range = filter.Statements();
        var p = filter.With(("store", store), ("limit", (long)HealthVerbLimit), ("activities", (long)HealthActivityLimit));
        var totals = Sql.Query(connection, $"""
            SELECT count(*), count(*) FILTER (WHERE class = 'experiential'), count(*) FILTER (WHERE topic IS NULL)
            FROM facts WHERE store = $store {range}
            """, r => (All: r.GetInt64(0), Experiential: r.GetInt64(1), WithoutTopic: r.GetInt64(2)), p)[0];
        var verbs = Sql.Query(connection, $"""
            SELECT verb, count(*) AS n FROM facts WHERE store = $store AND class = 'experiential' {range}
            GROUP BY verb ORDER BY n DESC, verb LIMIT $limit
            """, r => new VerbCount(r.GetString(0), r.GetInt64(1)), p);
        var activities = Sql.Query(connection, $"""
            SELECT object_id, count(*) AS n FROM facts
            WHERE store = $store AND class = 'experiential' AND object_id IS NOT NULL {range}
            GROUP BY object_id ORDER BY n DESC, object_id LIMIT $activities
            """, r => new ActivityCount(r.GetString(0), r.GetInt64(1)), p);
        var topicless = Sql.Query(connection, $"""
            SELECT verb, class, count(*) AS n FROM facts WHERE store = $store AND topic IS NULL {range}
            GROUP BY verb, class ORDER BY n DESC, verb, class LIMIT $limit
            """, r => new ClassVerbCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), p);
        return new ClassificationCounts(totals.All, totals.Experiential, totals.WithoutTopic, verbs, activities, topicless);
    }
}
