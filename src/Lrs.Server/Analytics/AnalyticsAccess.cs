using System.Security.Claims;
using Lrs.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Lrs.Server.Analytics;

/// <summary>
/// Who may read analytics, in one place: any credential that may read the store's statements (scopes all, all/read,
/// statements/read). Dashboard roles from JWT sign-in are meant to be added here.
/// </summary>
public static class AnalyticsAccess
{
    public const string Policy = "analytics-read";

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => CanRead(context.User)));

    public static bool CanRead(ClaimsPrincipal user) =>
        user.FindAll(XapiCaller.ScopeClaim).Any(c => c.Value is Scopes.All or Scopes.AllRead or Scopes.StatementsRead);

    /// <summary>The store (tenant) whose analytics the caller sees: their credential's.</summary>
    public static string StoreOf(ClaimsPrincipal user) => user.FindFirstValue(XapiCaller.StoreClaim) ?? "default";
}
