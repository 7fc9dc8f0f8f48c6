using Lrs.Analytics.Metrics;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none. The handlers
// are internal, not private, because the OpenAPI XML-comment generator leaves private members out.
#pragma warning disable CS1573

/// <summary>
/// The dashboard's JSON API at /api/analytics (OpenAPI document: /openapi/analytics.json). Every figure is one query
/// over the projection, scoped to the caller's store. A topic parameter named id is required; one named topic narrows.
/// Every view but status takes the filters from, to and team (AnalyticsFilter; definitions in src/Lrs.Analytics/README.md).
/// </summary>
public static class AnalyticsApi
{
    public const string DocumentName = "analytics";

    public static void MapAnalytics(this WebApplication app)
    {
        var api = app.MapGroup("/api/analytics").RequireAuthorization(AnalyticsAccess.Policy).WithGroupName(DocumentName).WithTags("Analytics");
        api.MapGet("/topics", Topics).WithSummary("Every topic with its class mix and completers");
        api.MapGet("/topic", Topic).WithSummary("The hand-off metrics of one topic");
        api.MapGet("/ranking", Ranking).WithSummary("Topics by social activity, with each one's headline hand-off figures");
        api.MapGet("/weekly", Weekly).WithSummary("Statements per ISO week and class, on one topic or all");
        api.MapGet("/handoff", Handoff).WithSummary("Completers' weekly activity aligned on their own completion (t0)");
        api.MapGet("/network", Network).WithSummary("Who answers whose questions on a topic");
        api.MapGet("/unanswered", Unanswered).WithSummary("Questions without a counting answer, oldest first");
        api.MapGet("/learner", Learner).WithSummary("One learner's topics, weekly activity and latest statements");
        api.MapGet("/teams", Teams).WithSummary("Every team statements name (context.team, 2.0 contextGroups), with members and statements");
        api.MapGet("/status", Status).WithSummary("How far the projection has followed the caller's store");
        app.MapOpenApi();
    }

    /// <param name="from">RFC 3339 instant: statements, and completers whose t0 is at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: statements, and completers whose t0 is before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: statements naming the team, and completers who are its members.</param>
    internal static Results<Ok<TopicList>, BadRequest<ApiError>> Topics(HttpContext context, AnalyticsQueries queries, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        return TryFilter(store, queries, from, to, team, out var filter, out var bad) ? TypedResults.Ok(queries.Topics(store, filter)) : bad;
    }

    /// <param name="id">The topic IRI (a course id, or a category tag).</param>
    /// <param name="asOf">RFC 3339 instant for isolatedCompleters (default now).</param>
    /// <param name="from">RFC 3339 instant: statements, completers whose t0 is, and questions whose first ask is (both then followed past to) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: statements, completers whose t0 is, and questions whose first ask is (both then followed past to) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: statements naming the team, completers and helpers who are its members, questions whose first ask names it.</param>
    internal static Results<Ok<TopicReport>, NotFound<ApiError>, BadRequest<ApiError>> Topic(HttpContext context, AnalyticsQueries queries, TimeProvider clock, string? id, string? asOf, string? from, string? to, string? team)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryInstant(asOf, "asOf", clock, out var at, out var bad) || !TryFilter(store, queries, from, to, team, out var filter, out bad))
        {
            return bad;
        }

        var report = queries.Topic(store, id!, at, filter);
        return report is null ? UnknownTopic(id!) : TypedResults.Ok(report);
    }

    /// <param name="limit">At most this many topics, 1 to 1000 (default 1000): the most social first.</param>
    /// <param name="from">RFC 3339 instant: statements, completers whose t0 is, and questions whose first ask is (both then followed past to) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: statements, completers whose t0 is, and questions whose first ask is (both then followed past to) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: statements naming the team, completers who are its members, questions whose first ask names it.</param>
    internal static Results<Ok<TopicRanking>, BadRequest<ApiError>> Ranking(HttpContext context, AnalyticsQueries queries, string? limit, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryRange(limit, "limit", 1, 1000, 1000, out var max, out var bad) || !TryFilter(store, queries, from, to, team, out var filter, out bad))
        {
            return bad;
        }

        return TypedResults.Ok(queries.Ranking(store, max, filter));
    }

    /// <param name="topic">Only this topic (default: every statement).</param>
    /// <param name="from">RFC 3339 instant: statements at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: statements before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: statements naming the team.</param>
    internal static Results<Ok<WeeklySeries>, BadRequest<ApiError>> Weekly(HttpContext context, AnalyticsQueries queries, string? topic, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        return TryFilter(store, queries, from, to, team, out var filter, out var bad) ? TypedResults.Ok(queries.Weekly(store, topic, filter)) : bad;
    }

    /// <param name="id">The topic IRI.</param>
    /// <param name="weeksBefore">Weeks before t0 to show, 0 to 52 (default 4).</param>
    /// <param name="weeksAfter">Weeks after t0 to show, 0 to 104 (default 26).</param>
    /// <param name="from">RFC 3339 instant: completers whose t0 is (their curve is not cut at from or to) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: completers whose t0 is (their curve is not cut at from or to) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: completers who are its members.</param>
    internal static Results<Ok<HandoffCurve>, NotFound<ApiError>, BadRequest<ApiError>> Handoff(HttpContext context, AnalyticsQueries queries, string? id, string? weeksBefore, string? weeksAfter, string? from, string? to, string? team)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryRange(weeksBefore, "weeksBefore", 0, 52, 4, out var before, out var bad) || !TryRange(weeksAfter, "weeksAfter", 0, 104, 26, out var after, out bad) ||
            !TryFilter(store, queries, from, to, team, out var filter, out bad))
        {
            return bad;
        }

        var curve = queries.Handoff(store, id!, before, after, filter);
        return curve is null ? UnknownTopic(id!) : TypedResults.Ok(curve);
    }

    /// <param name="id">The topic IRI.</param>
    /// <param name="from">RFC 3339 instant: questions whose first ask is (every counting answer to them, whenever given) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: questions whose first ask is (every counting answer to them, whenever given) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: questions whose first ask names the team (answers by anyone).</param>
    internal static Results<Ok<QuestionNetwork>, NotFound<ApiError>, BadRequest<ApiError>> Network(HttpContext context, AnalyticsQueries queries, string? id, string? from, string? to, string? team)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryFilter(store, queries, from, to, team, out var filter, out var bad))
        {
            return bad;
        }

        var network = queries.Network(store, id!, filter);
        return network is null ? UnknownTopic(id!) : TypedResults.Ok(network);
    }

    /// <param name="topic">Only this topic (default: all).</param>
    /// <param name="asOf">RFC 3339 instant (default now): questions asked by then and not answered by then.</param>
    /// <param name="limit">At most this many, 1 to 1000 (default 100).</param>
    /// <param name="from">RFC 3339 instant: questions whose first ask is at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: questions whose first ask is before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: questions whose first ask names the team.</param>
    internal static Results<Ok<UnansweredQuestions>, BadRequest<ApiError>> Unanswered(HttpContext context, AnalyticsQueries queries, TimeProvider clock, string? topic, string? asOf, string? limit, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryInstant(asOf, "asOf", clock, out var at, out var bad) || !TryRange(limit, "limit", 1, 1000, 100, out var max, out bad) ||
            !TryFilter(store, queries, from, to, team, out var filter, out bad))
        {
            return bad;
        }

        return TypedResults.Ok(queries.Unanswered(store, topic, at, max, filter));
    }

    /// <param name="agent">The learner as an xAPI Agent object in JSON, e.g. {"mbox":"mailto:ann@example.org"}.</param>
    /// <param name="topic">Only this topic (default: all).</param>
    /// <param name="recent">How many latest statements, 1 to 500 (default 50).</param>
    /// <param name="from">RFC 3339 instant: the learner's statements (completedAt stays their t0) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: the learner's statements (completedAt stays their t0) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: the learner's statements naming the team.</param>
    internal static Results<Ok<LearnerTimeline>, NotFound<ApiError>, BadRequest<ApiError>> Learner(HttpContext context, AnalyticsQueries queries, string? agent, string? topic, string? recent, string? from, string? to, string? team)
    {
        if (Required(agent, "agent") is { } missing)
        {
            return missing;
        }

        string? key;
        try
        {
            key = Ifi.KeyOf(XapiJson.Parse(agent!));
        }
        catch (Lrs.Xapi.Errors.XapiException)
        {
            key = null;
        }

        if (key is null)
        {
            return Bad("agent", "agent must be an Agent in JSON with one identifier (mbox, mbox_sha1sum, openid or account)");
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        if (!TryRange(recent, "recent", 1, 500, 50, out var count, out var bad) || !TryFilter(store, queries, from, to, team, out var filter, out bad))
        {
            return bad;
        }

        var timeline = queries.Learner(store, key, topic, count, filter);
        return timeline is null
            ? TypedResults.NotFound(new ApiError(new ErrorBody("not_found", "no statement of this learner is in the analytics" + (topic is null ? "" : " for this topic"), "agent")))
            : TypedResults.Ok(timeline);
    }

    internal static Ok<TeamList> Teams(HttpContext context, AnalyticsQueries queries) =>
        TypedResults.Ok(queries.Teams(AnalyticsAccess.StoreOf(context.User)));

    internal static Ok<ProjectionStatus> Status(HttpContext context, AnalyticsQueries queries) =>
        TypedResults.Ok(queries.Status(AnalyticsAccess.StoreOf(context.User)));

    private static BadRequest<ApiError>? Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? Bad(name, $"the parameter '{name}' is required") : null;

    private static BadRequest<ApiError> Bad(string field, string message) => TypedResults.BadRequest(new ApiError(new ErrorBody("bad_request", message, field)));

    private static NotFound<ApiError> UnknownTopic(string id) =>
        TypedResults.NotFound(new ApiError(new ErrorBody("not_found", $"no statement in the analytics has the topic '{id}'", "id")));

    private static bool TryInstant(string? value, string name, TimeProvider clock, out DateTime instant, out BadRequest<ApiError> bad)
    {
        var ok = TryOptionalInstant(value, name, out var given, out bad);
        instant = given ?? clock.GetUtcNow().UtcDateTime;
        return ok;
    }

    /// <summary>
    /// The from/to/team filter: instants as for asOf (absent or empty: unbounded), to later than from, and a team some
    /// statement of the store names (an unknown key is refused rather than answered with empty figures, so a stale or
    /// mistyped key shows).
    /// </summary>
    internal static bool TryFilter(string store, AnalyticsQueries queries, string? from, string? to, string? team, out AnalyticsFilter filter, out BadRequest<ApiError> bad)
    {
        filter = AnalyticsFilter.None;
        if (!TryOptionalInstant(from, "from", out var since, out bad) || !TryOptionalInstant(to, "to", out var until, out bad))
        {
            return false;
        }

        if (since is not null && until is not null && until <= since)
        {
            bad = Bad("to", "to must be later than from (the range is [from, to))");
            return false;
        }

        var teamKey = string.IsNullOrEmpty(team) ? null : team;
        if (teamKey is not null && !queries.TeamExists(store, teamKey))
        {
            bad = Bad("team", $"no statement in the analytics names the team '{teamKey}' (GET /api/analytics/teams lists the team keys)");
            return false;
        }

        filter = new AnalyticsFilter(since, until, teamKey);
        return true;
    }

    private static bool TryOptionalInstant(string? value, string name, out DateTime? instant, out BadRequest<ApiError> bad)
    {
        bad = null!;
        instant = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Formats.TryParseTimestamp(value, out var parsed))
        {
            instant = parsed.UtcDateTime;
            return true;
        }

        bad = Bad(name, $"{name} must be an RFC 3339 date-time such as 2026-03-01T00:00:00Z");
        return false;
    }

    private static bool TryRange(string? value, string name, int min, int max, int fallback, out int result, out BadRequest<ApiError> bad)
    {
        bad = null!;
        result = fallback;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result) && result >= min && result <= max)
        {
            return true;
        }

        bad = Bad(name, $"{name} must be a whole number from {min} to {max}");
        return false;
    }
}

/// <summary>The error body of the analytics API: what went wrong, and which parameter it was about.</summary>
public sealed record ApiError(ErrorBody Error);

public sealed record ErrorBody(string Code, string Message, string? Field);
