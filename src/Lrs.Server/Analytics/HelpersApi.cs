using Lrs.Analytics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>
/// GET /api/analytics/helpers: who to ask about a topic, the one analytics view learners may read about others
/// (<see cref="AnalyticsAccess.LearnerOpenPaths"/>): the helpers of the topic report and nothing else, under the same
/// from/to/team filters.
/// </summary>
public static class HelpersApi
{
    public static void MapHelpers(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/analytics/helpers", Helpers).RequireAuthorization(AnalyticsAccess.Policy)
            .WithGroupName(AnalyticsApi.DocumentName).WithTags("Analytics")
            .WithSummary("Who answers questions on a topic, most answers first (learners may read it)");

    /// <param name="id">The topic IRI.</param>
    /// <param name="from">RFC 3339 instant: helpers' counting answers to questions whose first ask is at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: helpers' counting answers to questions whose first ask is before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: helpers who are its members, answering questions whose first ask names it.</param>
    internal static Results<Ok<TopicHelpers>, NotFound<ApiError>, BadRequest<ApiError>> Helpers(
        HttpContext context, AnalyticsQueries queries, TimeProvider clock, string? id, string? from, string? to, string? team)
    {
        if (string.IsNullOrEmpty(id))
        {
            return TypedResults.BadRequest(new ApiError(new ErrorBody("bad_request", "the parameter 'id' is required", "id")));
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        if (!AnalyticsApi.TryFilter(store, queries, from, to, team, out var filter, out var bad))
        {
            return bad;
        }

        var report = queries.Topic(store, id, clock.GetUtcNow().UtcDateTime, filter);
        return report is null
            ? TypedResults.NotFound(new ApiError(new ErrorBody("not_found", $"no statement in the analytics has the topic '{id}'", "id")))
            : TypedResults.Ok(new TopicHelpers(report.Topic, report.Name, report.Helpers));
    }
}

/// <summary>The "who to ask" part of a topic report.</summary>
public sealed record TopicHelpers(string Topic, string? Name, IReadOnlyList<Helper> Helpers);
