using Lrs.Analytics.Metrics;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Analytics;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>
/// The classification-health page's API: what the rules left experiential or without a topic, and a rebuild of the
/// projection once the rules file is tuned. Kept apart from AnalyticsApi.cs: maintenance, not metrics.
/// </summary>
public static class ClassificationHealthApi
{
    public static void MapClassificationHealth(this WebApplication app)
    {
        var api = app.MapGroup("/api/analytics").WithGroupName(AnalyticsApi.DocumentName).WithTags("Analytics");
        api.MapGet("/health-report", Report).RequireAuthorization(AnalyticsAccess.Policy)
            .WithSummary("Verbs and activity types that fell into experiential by default, and statements without a topic");
        api.MapPost("/rebuild", Rebuild).RequireAuthorization(AnalyticsAdminAccess.Policy)
            .WithSummary("Empties the projection and replays every statement under the current rules (admins)");
    }

    /// <param name="from">RFC 3339 instant: statements at or after it.</param>
    /// <param name="to">RFC 3339 instant, later than from: statements before it.</param>
    /// <param name="team">A team key from /api/analytics/teams: statements naming the team (which of a team's tools send what the rules miss).</param>
    internal static async Task<Results<Ok<ClassificationHealth>, BadRequest<ApiError>>> Report(
        HttpContext context, AnalyticsQueries queries, IStatementStore statements, string? from, string? to, string? team)
    {
        var store = AnalyticsAccess.StoreOf(context.User);
        if (!AnalyticsApi.TryFilter(store, queries, from, to, team, out var filter, out var bad))
        {
            return bad;
        }

        var counts = queries.ClassificationHealth(store, filter);
        // The projection keeps no activity types: they come from the definitions this LRS holds (none when it follows
        // another LRS, and then every activity shows as untyped).
        var types = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var activity in counts.ExperientialActivities)
        {
            var definition = await statements.GetActivityDefinitionAsync(store, activity.Activity, context.RequestAborted);
            types[activity.Activity] = (string?)definition?["type"];
        }

        return TypedResults.Ok(counts.WithTypes(id => types[id]));
    }

    private static Accepted<RebuildAnswer> Rebuild(ProjectionRebuild rebuild, TimeProvider clock)
    {
        var at = clock.GetUtcNow();
        rebuild.Request(at);
        return TypedResults.Accepted("/api/analytics/status", new RebuildAnswer("rebuilding", at));
    }
}

/// <summary>POST /api/analytics/rebuild: accepted; /api/analytics/status shows the rows coming back.</summary>
public sealed record RebuildAnswer(string Status, DateTimeOffset RequestedAt);
