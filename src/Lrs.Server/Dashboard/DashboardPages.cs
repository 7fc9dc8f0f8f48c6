using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Lrs.Server.Dashboard;

/// <summary>
/// The dashboard at /: plain HTML, CSS and ES modules from Dashboard/wwwroot (ECharts vendored there by the build),
/// reading /api/analytics. Pages hold no data and need no sign-in; every API call they make is authorised on its own.
/// </summary>
public static class DashboardPages
{
    /// <summary>Where the pages are, relative to the content root (the project folder under dotnet run, the app folder when published).</summary>
    public const string PagesFolder = "Dashboard/wwwroot";

    // Only our own origin: no CDN, no inline script. ECharts sets element styles and draws PNGs from data: URLs.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static void MapDashboardPages(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, PagesFolder);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("dashboard pages not found at {Root}: the dashboard is not served", root);
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidate every time (ETag makes it cheap): a new server version's pages never mix with cached old modules.
                headers.CacheControl = "no-cache";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers[HeaderNames.XFrameOptions] = "DENY";
                }
            },
        });
    }
}
