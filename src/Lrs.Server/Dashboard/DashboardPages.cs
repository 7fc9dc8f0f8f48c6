using Lrs.Server.Auth;
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

    /// <summary>
    /// Only our own origin: no CDN, no inline script. ECharts sets element styles and draws PNGs from data: URLs. With
    /// single sign-on the sign-in page also fetches the provider's discovery document and token endpoint, so the
    /// provider's origin may be connected to (a provider whose token endpoint lives on yet another origin is not served).
    /// </summary>
    public static string ContentSecurityPolicy(OidcOptions oidc)
    {
        var connect = "'self'";
        if (oidc.Enabled && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority))
        {
            connect += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            $"connect-src {connect}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }

    public static void MapDashboardPages(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, PagesFolder);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("dashboard pages not found at {Root}: the dashboard is not served", root);
            return;
        }

        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<OidcOptions>());
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
                    headers.ContentSecurityPolicy = policy;
                    headers[HeaderNames.XFrameOptions] = "DENY";
                }
            },
        });
    }
}
