using System.Security.Claims;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Auth;

/// <summary>
/// Turns a validated SSO token into a dashboard user: its role from the role claim (mapped by <see cref="OidcOptions"/>),
/// its xAPI agent from the email claim (mbox) or the subject (account at a configured homePage).
/// </summary>
public static class OidcClaims
{
    /// <summary>Ranked: a token mapping to several roles gets the highest.</summary>
    private static readonly string[] Ranked = [DashboardRoles.Admin, DashboardRoles.Manager, DashboardRoles.Learner];

    /// <summary>The dashboard user the token stands for, or null when it maps to no role (and no default role is set).</summary>
    public static DashboardUser? Map(ClaimsPrincipal token, OidcOptions options, string storeId)
    {
        var values = token.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = Ranked.FirstOrDefault(r => options.RoleValues[r].Overlaps(values)) ?? options.DefaultRole;
        if (role is null)
        {
            return null;
        }

        var email = token.FindFirstValue(options.EmailClaim);
        var subject = token.FindFirstValue(options.SubjectClaim);
        var agent = AgentOf(email, subject, options);
        var id = email ?? subject ?? "unknown";
        return new DashboardUser(id, token.FindFirstValue(options.NameClaim) ?? id, role,
            agent is null ? null : XapiJson.Serialize(agent), agent is null ? null : Ifi.KeyOf(agent), storeId);
    }

    private static JObject? AgentOf(string? email, string? subject, OidcOptions options)
    {
        if (options.AccountHomePage is { } homePage)
        {
            return subject is null ? null : new JObject
            {
                ["objectType"] = "Agent",
                ["account"] = new JObject { ["homePage"] = homePage, ["name"] = subject },
            };
        }

        return email is null || !email.Contains('@', StringComparison.Ordinal) ? null : new JObject
        {
            ["objectType"] = "Agent",
            ["mbox"] = "mailto:" + email,
        };
    }
}
