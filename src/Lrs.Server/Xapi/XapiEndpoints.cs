namespace Lrs.Server.Xapi;

/// <summary>The xAPI surface at /xapi: every resource, authenticated except About.</summary>
public static class XapiEndpoints
{
    public static void MapXapi(this WebApplication app)
    {
        var xapi = app.MapGroup("/xapi").RequireAuthorization();
        xapi.MapStatements();
        xapi.MapState();
        xapi.MapActivityProfile();
        xapi.MapAgentProfile();
        xapi.MapActivities();
        xapi.MapAgents();
        xapi.MapAbout();
    }

    /// <summary>
    /// What runs before an xAPI request reaches its resource: errors become responses, the 1.0.3 alternate syntax is
    /// rewritten, the version header is checked.
    /// </summary>
    public static void UseXapiPipeline(this WebApplication app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/xapi", StringComparison.OrdinalIgnoreCase),
            xapi =>
            {
                xapi.UseMiddleware<XapiErrors>();
                xapi.UseMiddleware<AlternateRequestSyntax>();
                xapi.UseMiddleware<XapiVersionMiddleware>();
            });
}
