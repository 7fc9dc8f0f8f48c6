using Lrs.Analytics.Metrics;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Analytics;

/// <summary>Registers the analytics: rules, projection, queries, the follower that keeps it current, its OpenAPI document.</summary>
public static class AnalyticsServices
{
    /// <summary>Call after the storage is registered: the statement store is wrapped to wake the follower.</summary>
    public static IServiceCollection AddLrsAnalytics(this IServiceCollection services, LrsOptions lrs)
    {
        services.AddSingleton(sp => AnalyticsOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => LoadRules(sp.GetRequiredService<AnalyticsOptions>()));
        services.AddSingleton(sp => new AnalyticsProjection(ProjectionPath(lrs), sp.GetRequiredService<AnalyticsRules>().Fingerprint, sp.GetRequiredService<AnalyticsOptions>().MaxMemoryMb));
        services.AddSingleton<AnalyticsQueries>();
        services.AddSingleton<StatementSignal>();
        services.AddSingleton<ProjectionRebuild>();
        services.AddHostedService<AnalyticsFollowerService>();
        WrapStatementStore(services);
        services.AddAuthorization(AnalyticsAccess.AddPolicy);
        services.AddAuthorization(AnalyticsAdminAccess.AddPolicy);
        services.AddOpenApi(AnalyticsApi.DocumentName, o => o.ShouldInclude = d => d.GroupName == AnalyticsApi.DocumentName);
        return services;
    }

    public static string ProjectionPath(LrsOptions lrs) => Path.Combine(lrs.DataDir, AnalyticsProjection.FileName);

    public static AnalyticsRules LoadRules(AnalyticsOptions options) =>
        options.RulesPath is null ? AnalyticsRules.Default : AnalyticsRules.Load(options.RulesPath);

    private static void WrapStatementStore(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IStatementStore))
            ?? throw new InvalidOperationException("register the statement store before the analytics");
        services.Remove(registered);
        services.AddSingleton<IStatementStore>(sp => new NotifyingStatementStore(Create(registered, sp), sp.GetRequiredService<StatementSignal>()));
    }

    private static IStatementStore Create(ServiceDescriptor d, IServiceProvider sp) => (IStatementStore)(
        d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
