using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Auth;

/// <summary>
/// Someone signed in to the dashboard (with a local account's session cookie or an SSO bearer token), as claims and
/// back. The agent is the xAPI Agent whose record a learner may read, as JSON, with its IFI key.
/// </summary>
public sealed record DashboardUser(string Email, string Name, string Role, string? Agent, string? AgentKey, string StoreId, string? Stamp = null)
{
    public const string EmailClaim = "lrs:email";
    public const string NameClaim = "lrs:name";
    public const string RoleClaim = "lrs:role";
    public const string AgentClaim = "lrs:agent";
    public const string AgentKeyClaim = "lrs:agent-key";

    /// <summary>A digest of the account's password hash: a session from before a password change no longer matches.</summary>
    public const string StampClaim = "lrs:stamp";

    public static DashboardUser FromAccount(Account account) =>
        new(account.Email, account.Name, account.Role, account.Agent, account.AgentKey, account.StoreId, StampOf(account));

    public static string StampOf(Account account) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account.PasswordHash)))[..16];

    /// <summary>The dashboard user in these claims, or null for callers without a dashboard role (HTTP Basic credentials).</summary>
    public static DashboardUser? From(ClaimsPrincipal principal)
    {
        var role = principal.FindFirstValue(RoleClaim);
        var email = principal.FindFirstValue(EmailClaim);
        if (role is null || email is null)
        {
            return null;
        }

        return new DashboardUser(email, principal.FindFirstValue(NameClaim) ?? email, role, principal.FindFirstValue(AgentClaim),
            principal.FindFirstValue(AgentKeyClaim), principal.FindFirstValue(XapiCaller.StoreClaim) ?? "default", principal.FindFirstValue(StampClaim));
    }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(EmailClaim, Email),
            new(NameClaim, Name),
            new(RoleClaim, Role),
            new(XapiCaller.StoreClaim, StoreId),
        };
        if (Agent is not null && AgentKey is not null)
        {
            claims.Add(new Claim(AgentClaim, Agent));
            claims.Add(new Claim(AgentKeyClaim, AgentKey));
        }

        if (Stamp is not null)
        {
            claims.Add(new Claim(StampClaim, Stamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, RoleClaim));
    }

    /// <summary>What /api/auth/me and /api/auth/login answer.</summary>
    public UserView ToView() => new(Email, Name, Role, Agent is null ? null : JsonNode.Parse(Agent));
}

/// <summary>The signed-in user as the API shows it; agent is an xAPI Agent object or null.</summary>
public sealed record UserView(string Email, string Name, string Role, JsonNode? Agent);
