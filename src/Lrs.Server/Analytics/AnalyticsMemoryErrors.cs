using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Lrs.Analytics.Projection;

namespace Lrs.Server.Analytics;

/// <summary>
/// A query out of the projection's memory grows it (<see cref="AnalyticsProjection.GrowMemory"/>) and a read is run
/// again, so the limit follows what the store's queries need instead of being sized for the largest store up front.
/// At the ceiling (LRS_ANALYTICS_MEMORY_MB) it is the server's limit, not the client's mistake and not a crash: 503
/// with Retry-After and a body saying which setting to raise.
/// </summary>
public static class AnalyticsMemoryErrors
{
    public static void UseAnalyticsMemoryErrors(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.Use(async (context, next) =>
        {
            var projection = context.RequestServices.GetService<AnalyticsProjection>();
            while (true)
            {
                var limit = projection?.MemoryLimitMb ?? 0;
                try
                {
                    await next(context);
                    return;
                }
                catch (DuckDBException e) when (e.ErrorType == DuckDBErrorType.OutOfMemory && !context.Response.HasStarted)
                {
                    var log = context.RequestServices.GetRequiredService<ILogger<AnalyticsMemory>>();
                    context.Response.Clear();

                    // Only reads run again: they change nothing, and their handlers do not read a body twice.
                    var grown = projection is not null && projection.GrowMemory(limit);
                    if (grown && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
                    {
                        log.LogInformation("an analytics query on {Path} needed more than {Limit} MB; running it again with {Now} MB",
                            context.Request.Path, limit, projection!.MemoryLimitMb);
                        continue;
                    }

                    log.LogWarning(e, "an analytics query ran out of the projection's memory on {Path} ({Limit} MB)", context.Request.Path, limit);
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.Headers.RetryAfter = "5";
                    await context.Response.WriteAsJsonAsync(new ApiError(new ErrorBody(
                        "analytics_memory",
                        "the analytics store ran out of memory for this query; try again, or raise LRS_ANALYTICS_MEMORY_MB",
                        null)));
                    return;
                }
            }
        }));

    /// <summary>The log category.</summary>
    private sealed class AnalyticsMemory;
}
