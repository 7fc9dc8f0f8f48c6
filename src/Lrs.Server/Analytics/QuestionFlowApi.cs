using Lrs.Analytics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>
/// The series the dashboard's questions and hand-off pages chart that issue 3's API does not give: questions per week
/// with their answer delays, and the completers' seek, sense, share funnel. Same access, filters and error shape as
/// AnalyticsApi.
/// </summary>
public static class QuestionFlowApi
{
    public static void MapQuestionFlow(this WebApplication app)
    {
        var api = app.MapGroup("/api/analytics").RequireAuthorization(AnalyticsAccess.Policy).WithGroupName(AnalyticsApi.DocumentName).WithTags("Analytics");
        api.MapGet("/questions", Questions).WithSummary("Questions per week of first ask, answered counts, time to first answer");
        api.MapGet("/funnel", Funnel).WithSummary("Completers who then asked or commented, and who then answered or shared");
    }

    /// <param name="topic">Only this topic (default: all).</param>
    /// <param name="from">RFC 3339 instant: questions whose first ask is (every counting answer to them, whenever given) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: questions whose first ask is (every counting answer to them, whenever given) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: questions whose first ask names the team (answers by anyone).</param>
    internal static Results<Ok<QuestionFlow>, BadRequest<ApiError>> Questions(HttpContext context, AnalyticsQueries queries, string? topic, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        return AnalyticsApi.TryFilter(store, queries, from, to, team, out var filter, out var bad)
            ? TypedResults.Ok(queries.Questions(store, string.IsNullOrEmpty(topic) ? null : topic, filter))
            : bad;
    }

    /// <param name="id">The topic IRI.</param>
    /// <param name="from">RFC 3339 instant: completers whose t0 is (their later statements and answers counted whenever) at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: completers whose t0 is (their later statements and answers counted whenever) before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: completers who are its members.</param>
    internal static Results<Ok<HandoffFunnel>, NotFound<ApiError>, BadRequest<ApiError>> Funnel(HttpContext context, AnalyticsQueries queries, string? id, string? from, string? to, string? team)
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

        var funnel = queries.Funnel(store, id, filter);
        return funnel is null
            ? TypedResults.NotFound(new ApiError(new ErrorBody("not_found", $"no statement in the analytics has the topic '{id}'", "id")))
            : TypedResults.Ok(funnel);
    }
}
