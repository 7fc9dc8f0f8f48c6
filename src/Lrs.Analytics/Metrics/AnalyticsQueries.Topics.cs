namespace Lrs.Analytics.Metrics;

public sealed partial class AnalyticsQueries
{
    /// <summary>
    /// Every topic with its class mix and completers. With a filter: the mix of the statements in range naming the
    /// team, the completers among the team's members whose t0 is in range; a topic with neither is left out.
    /// </summary>
    public TopicList Topics(string store, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var topics = filter.IsEmpty
            ? Sql.Query(connection, $"""
                WITH counts AS (
                    SELECT topic, {RolledUpCounts} FROM weekly_counts WHERE store = $store AND topic <> '' GROUP BY topic
                ),
                completers AS (
                    SELECT topic, count(DISTINCT actor) AS completers FROM topic_events WHERE store = $store AND is_completion GROUP BY topic
                )
                SELECT c.*, coalesce(k.completers, 0), n.name FROM counts c
                LEFT JOIN completers k ON k.topic = c.topic
                LEFT JOIN activity_names n ON n.store = $store AND n.activity = c.topic
                ORDER BY c.topic
                """,
                Summary, ("store", store))
            : Sql.Query(connection, $"""
                WITH counts AS (
                    SELECT topic, {ClassCounts} FROM facts WHERE store = $store AND topic IS NOT NULL {filter.Statements()} GROUP BY topic
                ),
                completers AS (
                    SELECT topic, count(*) AS completers FROM (
                        SELECT topic, actor FROM topic_events
                        WHERE store = $store AND is_completion AND actor IS NOT NULL {filter.Members("actor")}
                        GROUP BY topic, actor {AnalyticsFilter.Having(filter.Anchor("min(ts)"))}
                    ) GROUP BY topic
                )
                SELECT coalesce(c.topic, k.topic) AS topic,
                       coalesce(c.n_formal, 0), coalesce(c.n_social, 0), coalesce(c.n_experiential, 0), coalesce(c.n_system, 0),
                       coalesce(k.completers, 0), n.name
                FROM counts c FULL JOIN completers k ON k.topic = c.topic
                LEFT JOIN activity_names n ON n.store = $store AND n.activity = coalesce(c.topic, k.topic)
                ORDER BY 1
                """,
                Summary, filter.With(("store", store)));
        return new TopicList(topics);
    }

    private TopicSummary Summary(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), NameOf(r.GetString(0), r.StringOrNull(6)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));

    /// <summary>
    /// The hand-off metrics of one topic, or null when no statement has that topic. Three scans of the topic's rows:
    /// weekly class counts (mix and crossover), each completer's follow-up, and questions with their helpers. A filter
    /// narrows the statements counted, the completers (t0 in range, team members) and the questions (first ask in range,
    /// naming the team); completers and questions are followed past the range.
    /// </summary>
    public TopicReport? Topic(string store, string topic, DateTime asOf, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var p = filter.With(("store", store), ("topic", topic));
        var weeks = Sql.Query(connection, WeeksSql("AND topic = $topic", filter), Week, p);
        if (weeks.Count == 0 && (filter.IsEmpty || !Exists(connection, store, topic)))
        {
            return null;
        }

        var mix = new ClassMix(weeks.Sum(w => w.Formal), weeks.Sum(w => w.Social), weeks.Sum(w => w.Experiential), weeks.Sum(w => w.System));
        var name = NameOf(topic, Sql.Query(connection, "SELECT name FROM activity_names WHERE store = $store AND activity = $topic",
            r => r.GetString(0), p).FirstOrDefault());

        // Each completer's t0 and their first social statement on the topic at or after it.
        var followUps = Sql.Query(connection, $"""
            WITH topic_rows AS MATERIALIZED (
                SELECT actor, ts, class, is_completion FROM topic_events
                WHERE store = $store AND topic = $topic AND actor IS NOT NULL AND (is_completion OR class = 'social') {filter.Members("actor")}
            ),
            completers AS (SELECT actor, min(ts) AS t0 FROM topic_rows WHERE is_completion GROUP BY actor {AnalyticsFilter.Having(filter.Anchor("min(ts)"))})
            SELECT c.actor, c.t0, min(f.ts) AS first_social, any_value(a.name)
            FROM completers c
            LEFT JOIN topic_rows f ON f.class = 'social' AND f.actor = c.actor AND f.ts >= c.t0
            LEFT JOIN agents a ON a.store = $store AND a.agent = c.actor
            GROUP BY c.actor, c.t0
            ORDER BY c.t0, c.actor
            """, r => (Actor: r.GetString(0), T0: r.Utc(1), FirstSocial: r.UtcOrNull(2), Name: r.StringOrNull(3)), p);
        var socialDays = followUps.Where(f => f.FirstSocial is not null).Select(f => (f.FirstSocial!.Value - f.T0).TotalDays).ToList();
        var social90 = followUps.Count(f => f.FirstSocial <= f.T0.AddDays(90));
        var isolated = followUps
            .Where(f => f.T0 <= asOf.AddDays(-60) && (f.FirstSocial is null || f.FirstSocial > f.T0.AddDays(60)))
            .Select(f => new IsolatedCompleter(AgentRef.FromKey(f.Actor, f.Name)))
            .ToList();

        // One row of question figures (kind 'q') and one row per helper (kind 'h'), from one pass over the questions.
        var questionRows = Sql.Query(connection, $"""
            WITH {Sql.Questions("AND topic = $topic", filter)}
            SELECT 'q', NULL, NULL, (SELECT count(*) FROM questions), (SELECT count(*) FROM first_answers),
                   (SELECT quantile_cont(epoch(f.first_answer - q.first_ask) / 60.0, 0.5)
                      FROM first_answers f JOIN questions q USING (topic, question))
            UNION ALL
            SELECT 'h', h.actor, a.name, h.answers, NULL, NULL
            FROM (SELECT actor, count(*) AS answers FROM answers WHERE actor IS NOT NULL {filter.Members("actor")} GROUP BY actor) h
            LEFT JOIN agents a ON a.store = $store AND a.agent = h.actor
            """, r => (Kind: r.GetString(0), Actor: r.StringOrNull(1), Name: r.StringOrNull(2), A: r.GetInt64(3),
                B: r.IsDBNull(4) ? 0 : r.GetInt64(4), Median: r.DoubleOrNull(5)), p);

        // Whether a helper took the course is about all time, while a range narrows the completers to a cohort. Without
        // a range the cohort is every completer (of the team: helpers are its members too), so no second scan is needed.
        var completed = filter.From is null && filter.To is null
            ? followUps.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal)
            : Sql.Query(connection, "SELECT DISTINCT actor FROM topic_events WHERE store = $store AND topic = $topic AND is_completion AND actor IS NOT NULL",
                r => r.GetString(0), p).ToHashSet(StringComparer.Ordinal);
        var q = questionRows.Single(r => r.Kind == "q");
        var helpers = questionRows.Where(r => r.Kind == "h")
            .OrderByDescending(r => r.A).ThenBy(r => r.Actor, StringComparer.Ordinal)
            .Select(r => new Helper(AgentRef.FromKey(r.Actor!, r.Name), r.A, completed.Contains(r.Actor!)))
            .ToList();

        return new TopicReport(
            topic,
            name,
            mix,
            followUps.Count,
            followUps.Count == 0 ? 0 : (double)social90 / followUps.Count,
            Median(socialDays),
            CrossoverWeek(weeks),
            new QuestionStats(q.A, q.B, q.A == 0 ? 0 : (double)q.B / q.A, q.Median),
            helpers,
            isolated);
    }

    /// <summary>The median; of an even count, the mean of the two middle values; null when empty.</summary>
    internal static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>The first ISO week that, with each of the 3 weeks after it, has more social than formal statements.</summary>
    private static string? CrossoverWeek(List<WeekCounts> weeks)
    {
        var socialWeeks = weeks.Where(w => w.Social > w.Formal).Select(w => w.Start).ToList();
        var set = socialWeeks.ToHashSet();
        var first = socialWeeks.FirstOrDefault(w => set.Contains(w.AddDays(7)) && set.Contains(w.AddDays(14)) && set.Contains(w.AddDays(21)));
        return first == default ? null : IsoWeeks.Label(first);
    }
}
