namespace Lrs.Analytics.Metrics;

/// <summary>
/// What every view can be narrowed by: statement timestamps in [From, To) and one team (its key, as /teams gives it).
/// How each figure reads under a filter is defined in src/Lrs.Analytics/README.md ("Filters"): statements are narrowed
/// by their own timestamp and teams; people by their team membership; cohorts by their anchor (t0, a question's first
/// ask), and are then followed wherever their follow-up falls.
/// </summary>
public sealed record AnalyticsFilter(DateTime? From = null, DateTime? To = null, string? Team = null)
{
    public static AnalyticsFilter None { get; } = new();

    public bool IsEmpty => From is null && To is null && Team is null;

    /// <summary>
    /// Narrows statements (columns ts and seq, under an optional table alias) to the range and the team. Empty without
    /// a filter, so the unfiltered SQL stays exactly what it was.
    /// </summary>
    internal string Statements(string alias = "") => Anchor(alias + "ts") + (Team is null ? "" : Tagged(alias + "seq"));

    /// <summary>Narrows by an instant that anchors a cohort (a t0, a first ask): in [From, To).</summary>
    internal string Anchor(string instant) =>
        (From is null ? "" : $" AND {instant} >= $filter_from") + (To is null ? "" : $" AND {instant} < $filter_to");

    /// <summary>Narrows people (an actor key column) to the team's members: everyone with a statement naming the team.</summary>
    internal string Members(string actor) =>
        Team is null ? "" : $" AND {actor} IN (SELECT actor FROM fact_teams WHERE store = $store AND team = $filter_team)";

    /// <summary>Narrows statements (a seq expression) to those whose context names the team.</summary>
    internal string Tagged(string seq) =>
        Team is null ? "" : $" AND {seq} IN (SELECT seq FROM fact_teams WHERE store = $store AND team = $filter_team)";

    /// <summary>A HAVING clause from an anchor or tag condition ("" when there is none).</summary>
    internal static string Having(string conditions) => conditions.Length == 0 ? "" : "HAVING " + conditions[" AND ".Length..];

    internal (string Name, object? Value)[] With(params (string Name, object? Value)[] parameters) =>
        [.. parameters, ("filter_from", From), ("filter_to", To), ("filter_team", Team)];
}
