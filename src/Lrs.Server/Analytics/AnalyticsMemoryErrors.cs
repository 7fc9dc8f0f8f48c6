using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lrs.Server.Analytics;

/// <summary>
/// A query the projection cannot fit in its memory (LRS_ANALYTICS_MEMORY_MB) is the server's limit, not the client's
/// mistake and not a crash: it is answered 503 with Retry-After and a body saying which setting to raise.
/// </summary>
public static class AnalyticsMemoryErrors
{
    public static void UseAnalyticsMemoryErrors(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (DuckDBException e) when (e.ErrorType == DuckDBErrorType.OutOfMemory && !context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILogger<AnalyticsMemory>>()
                    .LogWarning(e, "an analytics query ran out of the projection's memory on {Path}", context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                await context.Response.WriteAsJsonAsync(new ApiError(new ErrorBody(
                    "analytics_memory",
                    "the analytics store ran out of memory for this query; try again, or raise LRS_ANALYTICS_MEMORY_MB",
                    null)));
            }
        }));

    /// <summary>The log category.</summary>
    private sealed class AnalyticsMemory;
}
