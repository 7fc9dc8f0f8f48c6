namespace Lrs.Analytics.Metrics;

public sealed partial class AnalyticsQueries
{
    public TopicList Topics(string store)
    {
        using var connection = Open();
        var topics = Sql.Query(connection, $"""
            WITH counts AS (
                SELECT topic, {ClassCounts}, count(DISTINCT actor) FILTER (WHERE is_completion)
                FROM facts WHERE store = $store AND topic IS NOT NULL GROUP BY topic
            )
            SELECT c.*, n.name FROM counts c
            LEFT JOIN activity_names n ON n.store = $store AND n.activity = c.topic
            ORDER BY c.topic
            """,
            r => new TopicSummary(r.GetString(0), NameOf(r.GetString(0), r.StringOrNull(6)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)),
            ("store", store));
        return new TopicList(topics);
    }

    /// <summary>The hand-off metrics of one topic, or null when no statement has that topic.</summary>
    public TopicReport? Topic(string store, string topic, DateTime asOf)
    {
        using var connection = Open();
        (string, object?) s = ("store", store), t = ("topic", topic);
        var mix = Sql.Query(connection, $"SELECT {ClassCounts}, count(*) FROM facts WHERE store = $store AND topic = $topic",
            r => (Mix: new ClassMix(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), Total: r.GetInt64(4)), s, t)[0];
        if (mix.Total == 0)
        {
            return null;
        }

        var name = NameOf(topic, Sql.Query(connection, "SELECT name FROM activity_names WHERE store = $store AND activity = $topic",
            r => r.GetString(0), s, t).FirstOrDefault());

        // First social statement on the topic by each completer at or after their t0.
        var followUp = $"""
            WITH {Sql.CompletersCte},
            follow_up AS (
                SELECT c.actor, c.t0, min(f.ts) AS first_social
                FROM completers c LEFT JOIN facts f
                  ON f.store = $store AND f.topic = $topic AND f.class = 'social' AND f.actor = c.actor AND f.ts >= c.t0
                GROUP BY c.actor, c.t0
            )
            """;
        var (completers, social90, medianDays) = Sql.Query(connection, followUp + """
            SELECT count(*),
                   count(*) FILTER (WHERE first_social <= t0 + INTERVAL 90 DAY),
                   quantile_cont(epoch(first_social - t0) / 86400.0, 0.5)
            FROM follow_up
            """, r => (r.GetInt64(0), r.GetInt64(1), r.DoubleOrNull(2)), s, t)[0];
        var isolated = Sql.Query(connection, followUp + """
            SELECT u.actor, a.name FROM follow_up u
            LEFT JOIN agents a ON a.store = $store AND a.agent = u.actor
            WHERE u.t0 <= $asOf - INTERVAL 60 DAY AND (u.first_social IS NULL OR u.first_social > u.t0 + INTERVAL 60 DAY)
            ORDER BY u.t0, u.actor
            """, r => new IsolatedCompleter(Agent(r, 0, 1)!), s, t, ("asOf", asOf));

        var questions = Sql.Query(connection, $"""
            WITH {string.Format(System.Globalization.CultureInfo.InvariantCulture, Sql.QuestionsCte, "AND topic = $topic")}
            SELECT (SELECT count(*) FROM questions),
                   (SELECT count(*) FROM first_answers),
                   (SELECT quantile_cont(epoch(f.first_answer - q.first_ask) / 60.0, 0.5)
                      FROM first_answers f JOIN questions q USING (topic, question))
            """, r => (Asked: r.GetInt64(0), Answered: r.GetInt64(1), Median: r.DoubleOrNull(2)), s, t)[0];
        var helpers = Sql.Query(connection, $"""
            WITH {string.Format(System.Globalization.CultureInfo.InvariantCulture, Sql.QuestionsCte, "AND topic = $topic")}, {Sql.CompletersCte}
            SELECT h.actor, a.name, h.answers, c.actor IS NOT NULL
            FROM (SELECT actor, count(*) AS answers FROM answers WHERE actor IS NOT NULL GROUP BY actor) h
            LEFT JOIN completers c ON c.actor = h.actor
            LEFT JOIN agents a ON a.store = $store AND a.agent = h.actor
            ORDER BY h.answers DESC, h.actor
            """, r => new Helper(Agent(r, 0, 1)!, r.GetInt64(2), r.GetBoolean(3)), s, t);

        return new TopicReport(
            topic,
            name,
            mix.Mix,
            completers,
            completers == 0 ? 0 : (double)social90 / completers,
            medianDays,
            CrossoverWeek(connection, store, topic),
            new QuestionStats(questions.Asked, questions.Answered, questions.Asked == 0 ? 0 : (double)questions.Answered / questions.Asked, questions.Median),
            helpers,
            isolated);
    }

    /// <summary>The first ISO week that, with each of the 3 weeks after it, has more social than formal statements on the topic.</summary>
    private static string? CrossoverWeek(DuckDB.NET.Data.DuckDBConnection connection, string store, string topic)
    {
        var socialWeeks = Sql.Query(connection, """
            SELECT date_trunc('week', ts) AS week FROM facts
            WHERE store = $store AND topic = $topic AND class IN ('social', 'formal')
            GROUP BY week
            HAVING count(*) FILTER (WHERE class = 'social') > count(*) FILTER (WHERE class = 'formal')
            ORDER BY week
            """, r => r.Utc(0), ("store", store), ("topic", topic));
        var set = socialWeeks.ToHashSet();
        foreach (var week in socialWeeks)
        {
            if (set.Contains(week.AddDays(7)) && set.Contains(week.AddDays(14)) && set.Contains(week.AddDays(21)))
            {
                return IsoWeeks.Label(week);
            }
        }

        return null;
    }
}
