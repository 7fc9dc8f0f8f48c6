using Lrs.Xapi.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lrs.Server.Hosting;

/// <summary>
/// Readiness: the configured store (SQLite or MongoDB) answers a query within a few seconds. A probe that waited for
/// the driver's own timeouts would be killed by the orchestrator before it could say "unhealthy".
/// </summary>
public sealed class StoreHealthCheck(IStatementStore store, LrsOptions options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.QueryAsync(options.DefaultStore, new StatementFilter { Limit = 1 }, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the {options.Storage} store did not answer within {Timeout.TotalSeconds} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the {options.Storage} store does not answer", e);
        }
    }
}
