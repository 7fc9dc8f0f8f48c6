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

    /// <summary>The first admin from LRS_ADMIN_EMAIL / LRS_ADMIN_PASSWORD.</summary>
    public static Task BootstrapAsync(WebApplication app) => AccountBootstrap.RunAsync(app.Services, app.Configuration, CancellationToken.None);
}
