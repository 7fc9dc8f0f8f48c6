using Lrs.Server.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Lrs.Server.Auth;

/// <summary>
/// Refusals under /api are JSON the pages can show, whichever way the caller tried to sign in: 401 when no valid
/// session, token or credential came with the request, 403 with the reason when the caller may not do this. The xAPI
/// keeps its schemes' own answers (Basic's challenge).
/// </summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new ApiError(new ErrorBody("unauthorized",
                "sign in first: a session (POST /api/auth/login), an SSO bearer token, or HTTP Basic credentials", null)));
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new ApiError(new ErrorBody("forbidden",
            reasons.Count > 0 ? string.Join("; ", reasons) : "your role may not do this", null)));
    }
}
