using Lrs.Analytics.Metrics;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>
/// The dashboard's JSON API at /api/analytics (OpenAPI document: /openapi/analytics.json). Every figure is one query
/// over the projection, scoped to the caller's store. A topic parameter named id is required; one named topic narrows.
/// </summary>
public static class AnalyticsApi
{
    public const string DocumentName = "analytics";

    public static void MapAnalytics(this WebApplication app)
    {
        var api = app.MapGroup("/api/analytics").RequireAuthorization(AnalyticsAccess.Policy).WithGroupName(DocumentName).WithTags("Analytics");
        api.MapGet("/topics", Topics).WithSummary("Every topic with its class mix and completers");
        api.MapGet("/topic", Topic).WithSummary("The hand-off metrics of one topic");
        api.MapGet("/weekly", Weekly).WithSummary("Statements per ISO week and class, on one topic or all");
        api.MapGet("/handoff", Handoff).WithSummary("Completers' weekly activity aligned on their own completion (t0)");
        api.MapGet("/network", Network).WithSummary("Who answers whose questions on a topic");
        api.MapGet("/unanswered", Unanswered).WithSummary("Questions without a counting answer, oldest first");
        api.MapGet("/learner", Learner).WithSummary("One learner's topics, weekly activity and latest statements");
        api.MapGet("/status", Status).WithSummary("How far the projection has followed the caller's store");
        app.MapOpenApi();
    }

    private static Ok<TopicList> Topics(HttpContext context, AnalyticsQueries queries) =>
        TypedResults.Ok(queries.Topics(AnalyticsAccess.StoreOf(context.User)));

    /// <param name="id">The topic IRI (a course id, or a category tag).</param>
    /// <param name="asOf">RFC 3339 instant for isolatedCompleters (default now).</param>
    private static Results<Ok<TopicReport>, NotFound<ApiError>, BadRequest<ApiError>> Topic(HttpContext context, AnalyticsQueries queries, TimeProvider clock, string? id, string? asOf)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        if (!TryInstant(asOf, "asOf", clock, out var at, out var bad))
        {
            return bad;
        }

        var report = queries.Topic(AnalyticsAccess.StoreOf(context.User), id!, at);
        return report is null ? UnknownTopic(id!) : TypedResults.Ok(report);
    }

    /// <param name="topic">Only this topic (default: every statement).</param>
    private static Ok<WeeklySeries> Weekly(HttpContext context, AnalyticsQueries queries, string? topic) =>
        TypedResults.Ok(queries.Weekly(AnalyticsAccess.StoreOf(context.User), topic));

    /// <param name="id">The topic IRI.</param>
    /// <param name="weeksBefore">Weeks before t0 to show, 0 to 52 (default 4).</param>
    /// <param name="weeksAfter">Weeks after t0 to show, 0 to 104 (default 26).</param>
    private static Results<Ok<HandoffCurve>, NotFound<ApiError>, BadRequest<ApiError>> Handoff(HttpContext context, AnalyticsQueries queries, string? id, string? weeksBefore, string? weeksAfter)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        if (!TryRange(weeksBefore, "weeksBefore", 0, 52, 4, out var before, out var bad) || !TryRange(weeksAfter, "weeksAfter", 0, 104, 26, out var after, out bad))
        {
            return bad;
        }

        var curve = queries.Handoff(AnalyticsAccess.StoreOf(context.User), id!, before, after);
        return curve is null ? UnknownTopic(id!) : TypedResults.Ok(curve);
    }

    /// <param name="id">The topic IRI.</param>
    private static Results<Ok<QuestionNetwork>, NotFound<ApiError>, BadRequest<ApiError>> Network(HttpContext context, AnalyticsQueries queries, string? id)
    {
        if (Required(id, "id") is { } missing)
        {
            return missing;
        }

        var network = queries.Network(AnalyticsAccess.StoreOf(context.User), id!);
        return network is null ? UnknownTopic(id!) : TypedResults.Ok(network);
    }

    /// <param name="topic">Only this topic (default: all).</param>
    /// <param name="asOf">RFC 3339 instant (default now): questions asked by then and not answered by then.</param>
    /// <param name="limit">At most this many, 1 to 1000 (default 100).</param>
    private static Results<Ok<UnansweredQuestions>, BadRequest<ApiError>> Unanswered(HttpContext context, AnalyticsQueries queries, TimeProvider clock, string? topic, string? asOf, string? limit)
    {
        if (!TryInstant(asOf, "asOf", clock, out var at, out var bad) || !TryRange(limit, "limit", 1, 1000, 100, out var max, out bad))
        {
            return bad;
        }

        return TypedResults.Ok(queries.Unanswered(AnalyticsAccess.StoreOf(context.User), topic, at, max));
    }

    /// <param name="agent">The learner as an xAPI Agent object in JSON, e.g. {"mbox":"mailto:ann@example.org"}.</param>
    /// <param name="topic">Only this topic (default: all).</param>
    /// <param name="recent">How many latest statements, 1 to 500 (default 50).</param>
    private static Results<Ok<LearnerTimeline>, NotFound<ApiError>, BadRequest<ApiError>> Learner(HttpContext context, AnalyticsQueries queries, string? agent, string? topic, string? recent)
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

        if (!TryRange(recent, "recent", 1, 500, 50, out var count, out var bad))
        {
            return bad;
        }

        var timeline = queries.Learner(AnalyticsAccess.StoreOf(context.User), key, topic, count);
        return timeline is null
            ? TypedResults.NotFound(new ApiError(new ErrorBody("not_found", "no statement of this learner is in the analytics" + (topic is null ? "" : " for this topic"), "agent")))
            : TypedResults.Ok(timeline);
    }

    private static Ok<ProjectionStatus> Status(HttpContext context, AnalyticsQueries queries) =>
        TypedResults.Ok(queries.Status(AnalyticsAccess.StoreOf(context.User)));

    private static BadRequest<ApiError>? Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? Bad(name, $"the parameter '{name}' is required") : null;

    private static BadRequest<ApiError> Bad(string field, string message) => TypedResults.BadRequest(new ApiError(new ErrorBody("bad_request", message, field)));

    private static NotFound<ApiError> UnknownTopic(string id) =>
        TypedResults.NotFound(new ApiError(new ErrorBody("not_found", $"no statement in the analytics has the topic '{id}'", "id")));

    private static bool TryInstant(string? value, string name, TimeProvider clock, out DateTime instant, out BadRequest<ApiError> bad)
    {
        bad = null!;
        if (string.IsNullOrEmpty(value))
        {
            instant = clock.GetUtcNow().UtcDateTime;
            return true;
        }

        if (Formats.TryParseTimestamp(value, out var parsed))
        {
            instant = parsed.UtcDateTime;
            return true;
        }

        instant = default;
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
