using Lrs.Analytics.Metrics;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
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

    /// <param name="from">Only statements with a timestamp at or after this RFC 3339 instant.</param>
    /// <param name="to">Only statements with a timestamp before this RFC 3339 instant.</param>
    private static async Task<Results<Ok<ClassificationHealth>, BadRequest<ApiError>>> Report(
        HttpContext context, AnalyticsQueries queries, IStatementStore statements, string? from, string? to)
    {
        if (!TryInstant(from, "from", out var start, out var bad) || !TryInstant(to, "to", out var end, out bad))
        {
            return bad;
        }

        var store = AnalyticsAccess.StoreOf(context.User);
        var counts = queries.ClassificationHealth(store, start, end);
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

    private static bool TryInstant(string? value, string name, out DateTime? instant, out BadRequest<ApiError> bad)
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

        bad = TypedResults.BadRequest(new ApiError(new ErrorBody("bad_request", $"{name} must be an RFC 3339 date-time such as 2026-03-01T00:00:00Z", name)));
        return false;
    }
}

/// <summary>POST /api/analytics/rebuild: accepted; /api/analytics/status shows the rows coming back.</summary>
public sealed record RebuildAnswer(string Status, DateTimeOffset RequestedAt);
