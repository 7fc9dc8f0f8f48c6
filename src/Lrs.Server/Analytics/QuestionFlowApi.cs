using Lrs.Analytics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>
/// The series the dashboard's questions and hand-off pages chart that issue 3's API does not give: questions per week
/// with their answer delays, and the completers' seek, sense, share funnel. Same access and error shape as AnalyticsApi.
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
    private static Ok<QuestionFlow> Questions(HttpContext context, AnalyticsQueries queries, string? topic) =>
        TypedResults.Ok(queries.Questions(AnalyticsAccess.StoreOf(context.User), string.IsNullOrEmpty(topic) ? null : topic));

    /// <param name="id">The topic IRI.</param>
    private static Results<Ok<HandoffFunnel>, NotFound<ApiError>, BadRequest<ApiError>> Funnel(HttpContext context, AnalyticsQueries queries, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return TypedResults.BadRequest(new ApiError(new ErrorBody("bad_request", "the parameter 'id' is required", "id")));
        }

        var funnel = queries.Funnel(AnalyticsAccess.StoreOf(context.User), id);
        return funnel is null
            ? TypedResults.NotFound(new ApiError(new ErrorBody("not_found", $"no statement in the analytics has the topic '{id}'", "id")))
            : TypedResults.Ok(funnel);
    }
}
