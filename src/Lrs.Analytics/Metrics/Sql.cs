using System.Data.Common;
using DuckDB.NET.Data;

namespace Lrs.Analytics.Metrics;

/// <summary>Running a parameterised query over the projection and reading its rows.</summary>
internal static class Sql
{
    public static List<T> Query<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>TIMESTAMP columns hold UTC instants; DuckDB hands them back unspecified.</summary>
    public static DateTime Utc(this DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static DateTime? UtcOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Utc(ordinal);

    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? DoubleOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    /// <summary>
    /// Questions and their counting answers (issue 3): a question is the object of a social 'asked'; its asker is the
    /// actor of its first ask; an answer counts when it is a social 'answered' on the question, on the same topic, by
    /// someone other than the asker, not before the first ask. <paramref name="narrow"/> narrows the statements read
    /// (topic, asOf); <paramref name="filter"/> keeps the questions whose first ask is in its range and names its team,
    /// with every counting answer they got (asker and first ask are found among all the statements read, so a filter
    /// never changes who asked a question or when).
    /// </summary>
    public static string Questions(string narrow, AnalyticsFilter filter) => $"""
        qa AS MATERIALIZED (
            SELECT topic, object_id, actor, ts, seq, is_ask, is_answer FROM topic_events
            WHERE store = $store AND (is_ask OR is_answer) {narrow}
        ),
        questions AS MATERIALIZED (
            SELECT topic, object_id AS question, arg_min_null(actor, (ts, seq)) AS asker, min(ts) AS first_ask
            FROM qa WHERE is_ask GROUP BY topic, object_id
            {AnalyticsFilter.Having(filter.Anchor("min(ts)") + filter.Tagged("arg_min(seq, (ts, seq))"))}
        ),
        answers AS MATERIALIZED (
            SELECT q.topic, q.question, a.actor, a.ts
            FROM questions q JOIN qa a
              ON a.is_answer AND a.topic = q.topic AND a.object_id = q.question AND a.ts >= q.first_ask
             AND a.actor IS DISTINCT FROM q.asker
        ),
        first_answers AS (
            SELECT topic, question, min(ts) AS first_answer FROM answers GROUP BY topic, question
        )
        """;

    /// <summary>
    /// Each completer of $topic and t0, the time of their first completion (over all time); with a filter, only the
    /// team's members whose t0 is in its range.
    /// </summary>
    public static string Completers(AnalyticsFilter filter) => $"""
        completers AS (
            SELECT actor, min(ts) AS t0 FROM topic_events
            WHERE store = $store AND topic = $topic AND is_completion AND actor IS NOT NULL {filter.Members("actor")}
            GROUP BY actor {AnalyticsFilter.Having(filter.Anchor("min(ts)"))}
        )
        """;

    /// <summary>
    /// <see cref="Questions"/> without a filter, as a format string whose {0} narrows the statements read, for queries
    /// that take no filter.
    /// </summary>
    public static readonly string QuestionsCte = Questions("{0}", AnalyticsFilter.None);

    /// <summary><see cref="Completers"/> without a filter: every completer of $topic, for queries that take no filter.</summary>
    public static readonly string CompletersCte = Completers(AnalyticsFilter.None);
}
