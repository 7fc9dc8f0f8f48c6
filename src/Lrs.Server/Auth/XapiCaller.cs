using System.Security.Claims;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Model;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Auth;

/// <summary>Who is calling the xAPI: their store (tenant), scopes, and the authority their statements carry.</summary>
public sealed class XapiCaller
{
    public const string StoreClaim = "lrs:store";
    public const string ScopeClaim = "scope";
    public const string KeyClaim = "lrs:key";

    public required string StoreId { get; init; }

    public required IReadOnlySet<string> Scopes { get; init; }

    public required JObject Authority { get; init; }

    public string AuthorityKey => Ifi.KeyOf(Authority)!;

    public bool Has(string scope) => Scopes.Contains(scope);

    /// <summary>Throws 403 unless the caller holds one of the scopes.</summary>
    public void Require(params ReadOnlySpan<string> anyOf)
    {
        foreach (var scope in anyOf)
        {
            if (Scopes.Contains(scope))
            {
                return;
            }
        }

        throw new ForbiddenException("this credential lacks the scope for this request (needs one of: " + string.Join(", ", anyOf.ToArray()) + ")");
    }

    /// <summary>
    /// Document resources: writing needs the resource's own scope (state or profile) or all; reading also accepts
    /// all/read.
    /// </summary>
    public void RequireDocumentAccess(string scope, bool write)
    {
        if (write)
        {
            Require(scope, Lrs.Server.Auth.Scopes.All);
        }
        else
        {
            Require(scope, Lrs.Server.Auth.Scopes.All, Lrs.Server.Auth.Scopes.AllRead);
        }
    }

    public static XapiCaller From(ClaimsPrincipal user, string publicUrl)
    {
        var key = user.FindFirstValue(KeyClaim) ?? throw new ForbiddenException("no credential");
        return new XapiCaller
        {
            StoreId = user.FindFirstValue(StoreClaim) ?? "default",
            Scopes = user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Authority = new JObject
            {
                ["objectType"] = "Agent",
                ["name"] = user.FindFirstValue(ClaimTypes.Name) ?? key,
                ["account"] = new JObject { ["homePage"] = publicUrl, ["name"] = key },
            },
        };
    }
}
