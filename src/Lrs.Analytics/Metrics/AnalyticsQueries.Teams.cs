namespace Lrs.Analytics.Metrics;

/// <summary>The teams statements name, for the dashboard's team filter.</summary>
public sealed partial class AnalyticsQueries
{
    /// <summary>
    /// Every team some statement names, with its latest name, its members (learners with a statement naming it) and
    /// its statements; by name, then key.
    /// </summary>
    public TeamList Teams(string store)
    {
        using var connection = Open();
        var teams = Sql.Query(connection, """
            WITH counts AS (
                SELECT team, count(DISTINCT actor) AS members, count(*) AS statements
                FROM fact_teams WHERE store = $store GROUP BY team
            )
            SELECT c.team, n.name, c.members, c.statements FROM counts c
            LEFT JOIN teams n ON n.store = $store AND n.team = c.team
            ORDER BY n.name NULLS LAST, c.team
            """,
            r => new TeamSummary(r.GetString(0), r.StringOrNull(1), r.GetInt64(2), r.GetInt64(3)),
            ("store", store));
        return new TeamList(teams);
    }

    /// <summary>True when some statement names this team.</summary>
    public bool TeamExists(string store, string team)
    {
        using var connection = Open();
        return Sql.Query(connection, "SELECT 1 FROM fact_teams WHERE store = $store AND team = $team LIMIT 1", r => true,
            ("store", store), ("team", team)).Count > 0;
    }
}
