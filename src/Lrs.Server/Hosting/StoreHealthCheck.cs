using Lrs.Xapi.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lrs.Server.Hosting;

/// <summary>Readiness: the store answers a query.</summary>
public sealed class StoreHealthCheck(IStatementStore store, LrsOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.QueryAsync(options.DefaultStore, new StatementFilter { Limit = 1 }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the statement store does not answer", e);
        }
    }
}
