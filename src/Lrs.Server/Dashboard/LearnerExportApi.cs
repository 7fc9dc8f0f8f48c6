using Lrs.Server.Analytics;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Model;
using Lrs.Xapi.Query;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Dashboard;

// The <param> docs describe the query parameters for the OpenAPI document; injected services need none.
#pragma warning disable CS1573

/// <summary>GET /api/learner/export: a learner takes their record to another LRS (<see cref="LearnerExport"/>).</summary>
public static class LearnerExportApi
{
    public static void MapLearnerExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/learner/export", ExportAsync).RequireAuthorization(AnalyticsAccess.Policy)
            .WithGroupName(DashboardEndpoints.DocumentName).WithTags("Learner record")
            .WithSummary("The learner's statements and agent profiles as a zip another LRS accepts (a learner: only their own)")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden);

    /// <param name="agent">The learner as an xAPI Agent object in JSON, e.g. {"mbox":"mailto:ann@example.org"}.</param>
    private static async Task<IResult> ExportAsync(HttpContext context, IStatementStore statements, IDocumentStore documents, TimeProvider clock, string? agent)
    {
        if (string.IsNullOrEmpty(agent))
        {
            return ApiJson.Bad("agent", "the parameter 'agent' is required");
        }

        Newtonsoft.Json.Linq.JObject parsed;
        try
        {
            parsed = StatementQueryParser.ParseAgentParameter(agent, "agent", XapiVersion.V200, allowGroup: false);
        }
        catch (XapiException e)
        {
            return ApiJson.Bad("agent", e.Message);
        }

        var now = clock.GetUtcNow();
        var zip = await LearnerExport.BuildAsync(statements, documents, AnalyticsAccess.StoreOf(context.User), parsed, now, context.RequestAborted);
        var name = "xapi-record-" + Slug(Ifi.KeyOf(parsed)!) + "-" + now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + ".zip";
        return TypedResults.File(zip, "application/zip", name);
    }

    private static string Slug(string key) =>
        new string(key.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-') is { Length: > 0 } s ? s[..Math.Min(60, s.Length)] : "learner";
}
