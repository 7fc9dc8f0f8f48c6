using Lrs.Server.Analytics;
using Lrs.Server.Auth;
using Lrs.Server.Dashboard;
using Lrs.Server.Xapi;

namespace Lrs.Server.Hosting;

/// <summary>Everything the host registers: options, storage, auth, the ingest pipeline, CORS, and for the dashboard role analytics.</summary>
public static class LrsServices
{
    public static IServiceCollection AddLrs(this IServiceCollection services, LrsOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddLrsStorage(options);
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton<StatementIngest>();
        services.AddLrsAuthentication(options);
        services.AddAuthorization();

        // Browser-based content (SCORM/cmi5 players) calls the LRS from other origins.
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .AllowAnyMethod()
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Last-Modified", "X-Experience-API-Version", "X-Experience-API-Consistent-Through", "Content-Type", "Content-Length")));
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        if (options.Role.ServesDashboard())
        {
            services.AddLrsAnalytics(options);
            services.AddDashboard();
        }

        return services;
    }
}
