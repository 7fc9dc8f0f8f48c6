namespace Lrs.Analytics.Metrics;

/// <summary>The questions page's series and the hand-off funnel, on the question definitions of <see cref="Sql.Questions"/>.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>Seek: asking or commenting on the topic; "replied" is a comment in a thread.</summary>
    private const string SeekVerbs = "'http://adlnet.gov/expapi/verbs/asked', 'http://adlnet.gov/expapi/verbs/commented', 'http://id.tincanapi.com/verb/replied'";

    /// <summary>Share: handing something on to others (a counting answer is added separately).</summary>
    private const string ShareVerbs = "'http://adlnet.gov/expapi/verbs/shared', 'http://activitystrea.ms/schema/1.0/share', 'http://activitystrea.ms/share'";

    private static readonly (string Label, double From, double? To)[] DelayBuckets =
        [("under 1 h", 0, 1), ("1-4 h", 1, 4), ("4-24 h", 4, 24), ("1-3 days", 24, 72), ("3-7 days", 72, 168), ("over 7 days", 168, null)];

    /// <summary>
    /// Questions per week of first ask on one topic (or all), with answered counts and first-answer delays. A filter keeps
    /// the questions whose first ask is in its range and names its team, with every counting answer they got.
    /// </summary>
    public QuestionFlow Questions(string store, string? topic, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        var questions = Sql.Questions(topic is null ? "" : "AND topic = $topic", filter);
        var rows = Sql.Query(connection, $"""
            WITH {questions}
            SELECT date_trunc('week', q.first_ask) AS week, count(*), count(f.question),
                   list(epoch(f.first_answer - q.first_ask) / 3600.0) FILTER (WHERE f.question IS NOT NULL)
            FROM questions q LEFT JOIN first_answers f USING (topic, question)
            GROUP BY week ORDER BY week
            """, r => (Start: r.Utc(0), Asked: r.GetInt64(1), Answered: r.GetInt64(2), Hours: r.IsDBNull(3) ? [] : r.GetFieldValue<List<double>>(3)),
            filter.With(("store", store), ("topic", topic)));
        var weeks = new List<QuestionWeek>();
        if (rows.Count > 0)
        {
            var byStart = rows.ToDictionary(r => r.Start);
            for (var start = rows[0].Start; start <= rows[^1].Start; start = start.AddDays(7))
            {
                var (asked, answered) = byStart.TryGetValue(start, out var r) ? (r.Asked, r.Answered) : (0, 0);
                weeks.Add(new QuestionWeek(IsoWeeks.Label(start), start, asked, answered));
            }
        }

        var hours = rows.SelectMany(r => r.Hours).ToList();
        var buckets = DelayBuckets
            .Select(b => new AnswerDelayBucket(b.Label, b.From, b.To, hours.LongCount(h => h >= b.From && (b.To is null || h < b.To))))
            .ToList();
        return new QuestionFlow(topic, weeks, buckets);
    }

    /// <summary>
    /// The topic's completers, and how many of them went on to seek or sense, and to share; null for an unknown topic. A
    /// filter narrows the completers (t0 in range, team members), who are then followed wherever their follow-up falls:
    /// any of their later statements on the topic, and their counting answers to any question on it.
    /// </summary>
    public HandoffFunnel? Funnel(string store, string topic, AnalyticsFilter? filter = null)
    {
        filter ??= AnalyticsFilter.None;
        using var connection = Open();
        if (!Exists(connection, store, topic))
        {
            return null;
        }

        // Every question of the topic: a completer's answer counts for sharing whatever the question's range or team.
        var questions = Sql.Questions("AND topic = $topic", AnalyticsFilter.None);
        var stages = Sql.Query(connection, $"""
            WITH {questions}, {Sql.Completers(filter)},
            seekers AS (
                SELECT DISTINCT f.actor FROM topic_events f JOIN completers c ON f.actor = c.actor
                WHERE f.store = $store AND f.topic = $topic AND f.class = 'social' AND f.ts >= c.t0 AND f.verb IN ({SeekVerbs})
            ),
            sharers AS (
                SELECT f.actor FROM topic_events f JOIN completers c ON f.actor = c.actor
                WHERE f.store = $store AND f.topic = $topic AND f.class = 'social' AND f.ts >= c.t0 AND f.verb IN ({ShareVerbs})
                UNION
                SELECT a.actor FROM answers a JOIN completers c ON a.actor = c.actor WHERE a.ts >= c.t0
            )
            SELECT (SELECT count(*) FROM completers), (SELECT count(*) FROM seekers), (SELECT count(*) FROM sharers)
            """, r => new HandoffFunnel(topic, r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), filter.With(("store", store), ("topic", topic)));
        return stages[0];
    }
}
