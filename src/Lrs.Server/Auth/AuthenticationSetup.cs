using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Lrs.Server.Auth;

/// <summary>
/// The three ways in, behind one policy scheme that picks by the request: HTTP Basic for xAPI clients (and for any
/// request with Basic credentials), a bearer token from the SSO provider, or the dashboard's session cookie.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "lrs";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string CookieName = "lrs.session";

    /// <summary>How long a session lasts without a request; each request past half of it renews it.</summary>
    public static readonly TimeSpan SessionIdle = TimeSpan.FromHours(8);

    public static IServiceCollection AddLrsAuthentication(this IServiceCollection services, LrsOptions options)
    {
        services.AddSingleton(sp => OidcOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        // Session cookies outlive a restart only if the keys that protect them do.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys"))).SetApplicationName("lrs");

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Basic, bearer or session", policy => policy.ForwardDefaultSelector = Select)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionIdle;
                cookie.SlidingExpiration = true;
                // An API answers 401/403, it does not redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = RevalidateAsync;
            })
            .AddJwtBearer(BearerScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(BearerScheme).Configure<OidcOptions, LrsOptions>(ConfigureBearer);
        return services;
    }

    /// <summary>Basic when the request carries Basic credentials or is xAPI; bearer when SSO is on; else the cookie.</summary>
    private static string Select(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && context.RequestServices.GetRequiredService<OidcOptions>().Enabled)
        {
            return BearerScheme;
        }

        return header.Length > 0 || context.Request.Path.StartsWithSegments("/xapi", StringComparison.OrdinalIgnoreCase)
            ? BasicAuthenticationHandler.SchemeName
            : CookieScheme;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, OidcOptions oidc, LrsOptions lrs)
    {
        if (!oidc.Enabled)
        {
            return;
        }

        // Claims keep the names the provider gave them ("sub", "email", "roles"), which the mapping settings name.
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Authority,
            ValidAudience = oidc.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        if (oidc.SigningKey is { } key)
        {
            // A shared key: nothing to fetch from the provider.
            bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
        }
        else
        {
            bearer.Authority = oidc.Authority;
            bearer.RequireHttpsMetadata = oidc.Authority!.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        }

        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var user = OidcClaims.Map(context.Principal!, oidc, lrs.DefaultStore);
                if (user is null)
                {
                    context.Fail($"the token maps to no dashboard role (claim '{oidc.RoleClaim}')");
                    return Task.CompletedTask;
                }

                context.Principal = user.ToPrincipal(BearerScheme);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Every request with a session checks the account: deleted or disabled ends the session, a changed password ends
    /// sessions from before it, a changed role, name or agent takes effect at once.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var user = DashboardUser.From(context.Principal!);
        var account = user is null ? null
            : await context.HttpContext.RequestServices.GetRequiredService<IAccountStore>().FindAsync(user.Email, context.HttpContext.RequestAborted);
        if (user is null || account is null || account.Disabled is not null || DashboardUser.StampOf(account) != user.Stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        var current = DashboardUser.FromAccount(account);
        if (current != user)
        {
            context.ReplacePrincipal(current.ToPrincipal(CookieScheme));
            context.ShouldRenew = true;
        }
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
