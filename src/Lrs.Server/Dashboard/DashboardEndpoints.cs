using Lrs.Server.Analytics;
using Lrs.Server.Auth;

namespace Lrs.Server.Dashboard;

/// <summary>
/// The dashboard's server side: sign-in, account management, learner export (OpenAPI document:
/// /openapi/dashboard.json), and the analytics "who to ask" view. The pages are mapped beside it.
/// </summary>
public static class DashboardEndpoints
{
    public const string DocumentName = "dashboard";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o => o.ShouldInclude = d => d.GroupName == DocumentName);
        return services;
    }

    public static void MapDashboardApi(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapLearnerExport();
        app.MapHelpers();
    }

    /// <summary>
    /// Errors under /api that the framework answers with no body (415 for a body that is not JSON, 405, 404 for an
    /// unknown path) get the API's JSON error body, so the pages can show every refusal the same way.
    /// </summary>
    public static void UseApiErrorBodies(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            var (code, message) = response.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "the body must be JSON (Content-Type: application/json)"),
                StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", $"{status.HttpContext.Request.Method} is not allowed here"),
                StatusCodes.Status404NotFound => ("not_found", "no such API path"),
                StatusCodes.Status401Unauthorized => ("unauthorized", "sign in first"),
                StatusCodes.Status403Forbidden => ("forbidden", "your role may not do this"),
                var other => ("error", $"HTTP {other}"),
            };
            await response.WriteAsJsonAsync(new ApiError(new ErrorBody(code, message, response.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "body" : null)));
        }));

    /// <summary>The first admin from LRS_ADMIN_EMAIL / LRS_ADMIN_PASSWORD.</summary>
    public static Task BootstrapAsync(WebApplication app) => AccountBootstrap.RunAsync(app.Services, app.Configuration, CancellationToken.None);
}
