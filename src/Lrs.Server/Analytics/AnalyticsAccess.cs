using System.Security.Claims;
using Lrs.Server.Auth;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Microsoft.AspNetCore.Authorization;

namespace Lrs.Server.Analytics;

/// <summary>
/// Who may read analytics and learner records, in one place. Credentials that may read the store's statements
/// (HTTP Basic with scope all, all/read or statements/read), admins and managers read everything. A learner reads
/// only who to ask (<see cref="LearnerOpenPaths"/>) and their own record (<see cref="LearnerOwnPaths"/>, whose agent
/// parameter must be the learner's own agent); anything else is 403.
/// </summary>
public sealed class AnalyticsAccess : AuthorizationHandler<AnalyticsAccess>, IAuthorizationRequirement
{
    public const string Policy = "analytics-read";

    /// <summary>Account management: admins only.</summary>
    public const string AdminPolicy = "dashboard-admin";

    /// <summary>What a learner may read about anyone.</summary>
    public static readonly IReadOnlyList<string> LearnerOpenPaths = ["/api/analytics/helpers"];

    /// <summary>What a learner may read about themselves only: the agent parameter names whose record it is.</summary>
    public static readonly IReadOnlyList<string> LearnerOwnPaths = ["/api/analytics/learner", "/api/learner/export"];

    public static void AddPolicy(AuthorizationOptions options)
    {
        options.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AnalyticsAccess()));
        options.AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            DashboardUser.From(context.User)?.Role == DashboardRoles.Admin));
    }

    public static bool CanReadEverything(ClaimsPrincipal user) =>
        user.FindAll(XapiCaller.ScopeClaim).Any(c => c.Value is Scopes.All or Scopes.AllRead or Scopes.StatementsRead)
        || DashboardUser.From(user)?.Role is DashboardRoles.Admin or DashboardRoles.Manager;

    /// <summary>The store (tenant) whose analytics the caller sees: their credential's or account's.</summary>
    public static string StoreOf(ClaimsPrincipal user) => user.FindFirstValue(XapiCaller.StoreClaim) ?? "default";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AnalyticsAccess requirement)
    {
        if (CanReadEverything(context.User))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var user = DashboardUser.From(context.User);
        var request = (context.Resource as HttpContext)?.Request;
        if (user?.Role != DashboardRoles.Learner || request is null)
        {
            context.Fail(new AuthorizationFailureReason(this, "this credential or role may not read analytics"));
        }
        else if (LearnerOpenPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Succeed(requirement);
        }
        else if (!LearnerOwnPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Fail(new AuthorizationFailureReason(this, "a learner may read only their own record and who to ask"));
        }
        else if (user.AgentKey is not null && AgentKeyOf(request.Query["agent"].ToString()) == user.AgentKey)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "a learner may read only their own record: agent must be their own agent"));
        }

        return Task.CompletedTask;
    }

    /// <summary>The IFI key of an agent parameter; null when it is not an identified agent in JSON.</summary>
    private static string? AgentKeyOf(string agent)
    {
        try
        {
            return string.IsNullOrEmpty(agent) ? null : Ifi.KeyOf(XapiJson.Parse(agent));
        }
        catch (Lrs.Xapi.Errors.XapiException)
        {
            return null;
        }
    }
}
