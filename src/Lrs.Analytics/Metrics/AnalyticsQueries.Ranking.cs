namespace Lrs.Analytics.Metrics;

public sealed partial class AnalyticsQueries
{
    /// <summary>
    /// The headline of every topic's hand-off, most social statements first (ties by topic, ordinal), at most limit of
    /// them: the figures of <see cref="Topic"/> that a ranking compares, for all topics in three scans instead of three
    /// scans per topic. Each figure is defined, and filtered, exactly as in the topic report; a topic is listed when a
    /// statement in the filter or a completer of the filter has it.
    /// </summary>
    public TopicRanking Ranking(string store, int limit, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var p = filter.With(("store", store));

        // Names come joined to the grouped rows: the names table also names every question, too many to read whole.
        var weeks = filter.IsEmpty
            ? $"SELECT topic, week, {RolledUpCounts} FROM weekly_counts WHERE store = $store AND topic <> '' GROUP BY topic, week"
            : $"""
              SELECT topic, date_trunc('week', ts) AS week, {ClassCounts} FROM facts
              WHERE store = $store AND topic IS NOT NULL {filter.Statements()} GROUP BY topic, week
              """;
        var weekRows = Sql.Query(connection, $"""
            WITH weeks AS ({weeks})
            SELECT w.*, n.name FROM weeks w LEFT JOIN activity_names n ON n.store = $store AND n.activity = w.topic
            ORDER BY w.topic, w.week
            """, r => (Topic: r.GetString(0), Week: WeekAt(r), Name: r.StringOrNull(6)), p);
        var byTopic = weekRows.GroupBy(r => r.Topic, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Week).ToList(), StringComparer.Ordinal);
        var names = weekRows.DistinctBy(r => r.Topic, StringComparer.Ordinal).ToDictionary(r => r.Topic, r => r.Name, StringComparer.Ordinal);

        // Per topic: completers (t0 in range, team members) and those with a social statement on it within 90 days of t0.
        var completers = Sql.Query(connection, $"""
            WITH topic_rows AS MATERIALIZED (
                SELECT topic, actor, ts, class, is_completion FROM topic_events
                WHERE store = $store AND actor IS NOT NULL AND (is_completion OR class = 'social') {filter.Members("actor")}
            ),
            completers AS (
                SELECT topic, actor, min(ts) AS t0 FROM topic_rows WHERE is_completion
                GROUP BY topic, actor {AnalyticsFilter.Having(filter.Anchor("min(ts)"))}
            ),
            follow_ups AS (
                SELECT c.topic, c.actor, c.t0, min(f.ts) AS first_social
                FROM completers c
                LEFT JOIN topic_rows f ON f.class = 'social' AND f.topic = c.topic AND f.actor = c.actor AND f.ts >= c.t0
                GROUP BY c.topic, c.actor, c.t0
            )
            SELECT f.topic, count(*), count(*) FILTER (WHERE f.first_social <= f.t0 + INTERVAL 90 DAY), any_value(n.name)
            FROM follow_ups f LEFT JOIN activity_names n ON n.store = $store AND n.activity = f.topic
            GROUP BY f.topic
            """, r => (Topic: r.GetString(0), Completers: r.GetInt64(1), Social90: r.GetInt64(2), Name: r.StringOrNull(3)), p)
            .ToDictionary(r => r.Topic, StringComparer.Ordinal);

        var questions = Sql.Query(connection, $"""
            WITH {Sql.Questions("", filter)}
            SELECT q.topic, count(*), count(f.question), quantile_cont(epoch(f.first_answer - q.first_ask) / 60.0, 0.5)
            FROM questions q LEFT JOIN first_answers f USING (topic, question)
            GROUP BY q.topic
            """, r => (Topic: r.GetString(0), Asked: r.GetInt64(1), Answered: r.GetInt64(2), Median: r.DoubleOrNull(3)), p)
            .ToDictionary(r => r.Topic, StringComparer.Ordinal);

        var ranked = byTopic.Keys.Union(completers.Keys, StringComparer.Ordinal)
            .Select(topic =>
            {
                var topicWeeks = byTopic.GetValueOrDefault(topic) ?? [];
                var mix = new ClassMix(topicWeeks.Sum(w => w.Formal), topicWeeks.Sum(w => w.Social), topicWeeks.Sum(w => w.Experiential), topicWeeks.Sum(w => w.System));
                var (_, count, social90, completerName) = completers.GetValueOrDefault(topic, (topic, 0, 0, null));
                var (_, asked, answered, median) = questions.GetValueOrDefault(topic, (topic, 0, 0, null));
                return new RankedTopic(
                    topic,
                    NameOf(topic, names.GetValueOrDefault(topic) ?? completerName),
                    mix,
                    count,
                    count == 0 ? 0 : (double)social90 / count,
                    CrossoverWeek(topicWeeks),
                    new QuestionStats(asked, answered, asked == 0 ? 0 : (double)answered / asked, median));
            })
            .OrderByDescending(t => t.Mix.Social).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        return new TopicRanking(ranked);
    }

    private static WeekCounts WeekAt(System.Data.Common.DbDataReader r)
    {
        var start = r.Utc(1);
        return new WeekCounts(IsoWeeks.Label(start), start, r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
    }
}
