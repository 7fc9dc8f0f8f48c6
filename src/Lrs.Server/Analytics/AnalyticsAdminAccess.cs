using System.Security.Claims;
using Lrs.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Lrs.Server.Analytics;

/// <summary>
/// Who may change the analytics (rebuild the projection): a dashboard admin (role claim "admin") or an LRS credential
/// with scope "all", the operator's own. Readers of analytics who are neither get 403.
/// </summary>
public static class AnalyticsAdminAccess
{
    public const string Policy = "analytics-admin";

    public const string AdminRole = "admin";

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => IsAdmin(context.User)));

    public static bool IsAdmin(ClaimsPrincipal user) =>
        user.IsInRole(AdminRole) || user.FindAll(XapiCaller.ScopeClaim).Any(c => c.Value == Scopes.All);
}
