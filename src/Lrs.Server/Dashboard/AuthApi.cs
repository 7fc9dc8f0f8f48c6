using Lrs.Server.Analytics;
using Lrs.Server.Auth;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Dashboard;

/// <summary>
/// Sign-in for the dashboard pages at /api/auth: a session cookie for local accounts, and what the login page needs
/// to offer single sign-on instead.
/// </summary>
public static class AuthApi
{
    private static readonly HashSet<string> LoginFields = new(StringComparer.Ordinal) { "email", "password" };

    /// <summary>Checked when the email has no account, so that the answer takes as long as for a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => SecretHasher.Hash(Guid.NewGuid().ToString()));

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithGroupName(DashboardEndpoints.DocumentName).WithTags("Sign-in");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().WithSummary("Signs in with a local account: sets the session cookie")
            .Accepts<LoginRequest>("application/json")
            .Produces<UserView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status415UnsupportedMediaType).Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous().WithSummary("Ends the session: clears the cookie");
        auth.MapGet("/me", Me).RequireAuthorization().WithSummary("Who is signed in (session cookie or SSO bearer token)")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized);
        auth.MapGet("/config", Config).AllowAnonymous().WithSummary("Whether the login page offers single sign-on, and with what");
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, IAccountStore accounts, LoginThrottle throttle)
    {
        var (body, error) = await ApiJson.ReadObjectAsync(context.Request, LoginFields);
        if (body is null)
        {
            return error!;
        }

        if (!ApiJson.TryString(body, "email", out var email, out error) || !ApiJson.TryString(body, "password", out var password, out error))
        {
            return error!;
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return ApiJson.Bad(string.IsNullOrWhiteSpace(email) ? "email" : "password", "email and password are required");
        }

        if (throttle.LockedFor(email) is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Json(ApiJson.Error("too_many_attempts",
                $"too many failed sign-ins for this email: try again in {Math.Ceiling(wait.TotalMinutes)} minute(s)", "email"), statusCode: StatusCodes.Status429TooManyRequests);
        }

        var account = await accounts.FindAsync(email.Trim(), context.RequestAborted);
        var matches = SecretHasher.Verify(password, account?.PasswordHash ?? DecoyHash.Value);
        if (account is null || !matches || account.Disabled is not null)
        {
            throttle.Failed(email);
            // One answer for unknown email, wrong password and disabled account: it must not reveal which accounts exist.
            return TypedResults.Json(ApiJson.Error("unauthorized", "wrong email or password", null), statusCode: StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(email);
        var user = DashboardUser.FromAccount(account);
        await context.SignInAsync(AuthenticationSetup.CookieScheme, user.ToPrincipal(AuthenticationSetup.CookieScheme),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return TypedResults.Ok(user.ToView());
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthenticationSetup.CookieScheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<UserView>, JsonHttpResult<ApiError>> Me(HttpContext context) =>
        DashboardUser.From(context.User) is { } user
            ? TypedResults.Ok(user.ToView())
            : TypedResults.Json(ApiJson.Error("unauthorized", "no dashboard user is signed in (HTTP Basic credentials are not an account)", null),
                statusCode: StatusCodes.Status401Unauthorized);

    private static Ok<AuthConfig> Config(OidcOptions oidc) =>
        TypedResults.Ok(new AuthConfig(oidc.Enabled ? new OidcConfig(oidc.Authority!, oidc.ClientId!, oidc.Scope) : null));
}

/// <summary>POST /api/auth/login.</summary>
public sealed record LoginRequest(string Email, string Password);

/// <summary>GET /api/auth/config: oidc is null when single sign-on is off.</summary>
public sealed record AuthConfig(OidcConfig? Oidc);

public sealed record OidcConfig(string Authority, string ClientId, string Scope);
