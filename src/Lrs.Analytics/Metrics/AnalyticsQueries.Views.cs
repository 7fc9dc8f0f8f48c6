namespace Lrs.Analytics.Metrics;

/// <summary>The dashboard's other views: weekly series, hand-off curve, question network, open questions.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>Statements per ISO week and class, on one topic or (topic null) on all; a filter narrows the statements.</summary>
    public WeeklySeries Weekly(string store, string? topic, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var narrow = topic is null ? "" : "AND topic = $topic";
        var weeks = Sql.Query(connection, WeeksSql(narrow, filter), Week, filter.With(("store", store), ("topic", topic)));
        return new WeeklySeries(topic, Continuous(weeks));
    }

    /// <summary>
    /// The completers' weekly activity on the topic aligned on their own t0, from weeksBefore to weeksAfter. A filter
    /// narrows the completers (t0 in range, team members); their curve then counts all their statements on the topic.
    /// </summary>
    public HandoffCurve? Handoff(string store, string topic, int weeksBefore, int weeksAfter, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var p = filter.With(("store", store), ("topic", topic));
        if (!Exists(connection, store, topic))
        {
            return null;
        }

        var completers = Sql.Query(connection, $"WITH {Sql.Completers(filter)} SELECT count(*) FROM completers", r => r.GetInt64(0), p)[0];
        var points = Sql.Query(connection, $"""
            WITH {Sql.Completers(filter)},
            aligned AS (
                SELECT CAST(floor(epoch(f.ts - c.t0) / 604800.0) AS BIGINT) AS week, f.class, f.actor
                FROM facts f JOIN completers c ON f.actor = c.actor
                WHERE f.store = $store AND f.topic = $topic
            )
            SELECT week,
                   count(*) FILTER (WHERE class = 'formal'),
                   count(*) FILTER (WHERE class = 'social'),
                   count(*) FILTER (WHERE class = 'experiential'),
                   count(DISTINCT actor),
                   count(DISTINCT actor) FILTER (WHERE class = 'social')
            FROM aligned WHERE week BETWEEN $before AND $after
            GROUP BY week ORDER BY week
            """,
            r => new HandoffPoint(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
                completers == 0 ? 0 : (double)r.GetInt64(5) / completers),
            [.. p, ("before", -(long)weeksBefore), ("after", (long)weeksAfter)]);
        var byWeek = points.ToDictionary(x => x.WeekOffset);
        var all = new List<HandoffPoint>();
        for (long w = -weeksBefore; w <= weeksAfter && completers > 0; w++)
        {
            all.Add(byWeek.TryGetValue(w, out var point) ? point : new HandoffPoint(w, 0, 0, 0, 0, 0, 0));
        }

        return new HandoffCurve(topic, completers, all);
    }

    /// <summary>
    /// Asker-to-answerer edges of a topic, counting answers as the topic report does. A filter narrows the questions
    /// (first ask in range, naming the team); every counting answer to them is an edge, whoever gave it.
    /// </summary>
    public QuestionNetwork? Network(string store, string topic, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var p = filter.With(("store", store), ("topic", topic));
        if (!Exists(connection, store, topic))
        {
            return null;
        }

        var questions = Sql.Questions("AND topic = $topic", filter);
        var edges = Sql.Query(connection, $"""
            WITH {questions}
            SELECT q.asker, a.actor, count(*), count(DISTINCT a.question)
            FROM answers a JOIN questions q USING (topic, question)
            WHERE q.asker IS NOT NULL AND a.actor IS NOT NULL
            GROUP BY q.asker, a.actor ORDER BY count(*) DESC, q.asker, a.actor
            """, r => new NetworkEdge(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)), p);

        // completedTopic is about all time: the completers here are not narrowed by the filter.
        var nodes = Sql.Query(connection, $"""
            WITH {questions}, {Sql.CompletersCte},
            people AS (
                SELECT asker AS actor, count(*) AS asked, 0 AS answers FROM questions WHERE asker IS NOT NULL GROUP BY asker
                UNION ALL
                SELECT actor, 0, count(*) FROM answers WHERE actor IS NOT NULL GROUP BY actor
            )
            SELECT p.actor, a.name, CAST(sum(p.asked) AS BIGINT), CAST(sum(p.answers) AS BIGINT), bool_or(c.actor IS NOT NULL)
            FROM people p
            LEFT JOIN completers c ON c.actor = p.actor
            LEFT JOIN agents a ON a.store = $store AND a.agent = p.actor
            GROUP BY p.actor, a.name ORDER BY p.actor
            """, r => new NetworkNode(r.GetString(0), Agent(r, 0, 1)!, r.GetInt64(2), r.GetInt64(3), r.GetBoolean(4)), p);
        return new QuestionNetwork(topic, nodes, edges);
    }

    /// <summary>
    /// Questions asked by asOf that have no counting answer by asOf, oldest first. A filter keeps the questions whose
    /// first ask is in its range and names its team.
    /// </summary>
    public UnansweredQuestions Unanswered(string store, string? topic, DateTime asOf, int limit, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var questions = Sql.Questions((topic is null ? "" : "AND topic = $topic") + " AND ts <= $asOf", filter);
        var open = Sql.Query(connection, $"""
            WITH {questions}
            SELECT q.question, n.name, q.topic, q.asker, a.name, q.first_ask
            FROM questions q
            LEFT JOIN first_answers f USING (topic, question)
            LEFT JOIN activity_names n ON n.store = $store AND n.activity = q.question
            LEFT JOIN agents a ON a.store = $store AND a.agent = q.asker
            WHERE f.question IS NULL
            ORDER BY q.first_ask, q.question
            LIMIT $limit
            """,
            r => new OpenQuestion(r.GetString(0), r.StringOrNull(1), r.GetString(2), Agent(r, 3, 4), r.Utc(5), (asOf - r.Utc(5)).TotalHours),
            filter.With(("store", store), ("topic", topic), ("asOf", asOf), ("limit", (long)limit)));
        return new UnansweredQuestions(topic, asOf, open);
    }

    /// <summary>True when some statement has this topic (the weekly counts hold every topic that has a row).</summary>
    public bool TopicExists(string store, string topic)
    {
        using var connection = Open();
        return Exists(connection, store, topic);
    }

    private static bool Exists(DuckDB.NET.Data.DuckDBConnection connection, string store, string topic) =>
        Sql.Query(connection, "SELECT 1 FROM weekly_counts WHERE store = $store AND topic = $topic LIMIT 1", r => true,
            ("store", store), ("topic", topic)).Count > 0;
}
