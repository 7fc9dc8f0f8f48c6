using Lrs.Server.Hosting;
using Lrs.Xapi;

namespace Lrs.Server.Xapi;

/// <summary>
/// Every xAPI request names its version in X-Experience-API-Version (except for the About resource), and every
/// response names the version it was served under: 1.0.3 for 1.0.x requests, 2.0.0 for 2.0.x.
/// </summary>
public sealed class XapiVersionMiddleware(RequestDelegate next, LrsOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[XapiVersions.Header].ToString();
        var known = XapiVersions.TryParseHeader(header, out var version);
        var served = known ? version : options.DefaultVersion;
        context.SetVersion(served);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[XapiVersions.Header] = served.HeaderValue();
            return Task.CompletedTask;
        });

        var isAbout = context.Request.Path.StartsWithSegments("/xapi/about", StringComparison.OrdinalIgnoreCase);
        if (!known && !isAbout && !HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(XapiErrors.Body(
                "version",
                string.IsNullOrEmpty(header)
                    ? "the X-Experience-API-Version header is required (1.0.x or 2.0.x)"
                    : $"X-Experience-API-Version '{header}' is not served here (1.0.x or 2.0.x)",
                "X-Experience-API-Version"));
            return;
        }

        await next(context);
    }
}
