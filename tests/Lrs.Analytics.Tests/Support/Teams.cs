using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Support;

/// <summary>The groups the team tests name, and the keys the API gives them.</summary>
internal static class Teams
{
    /// <summary>An identified Group (mbox), named in context.team.</summary>
    public static JObject Red => new() { ["objectType"] = "Group", ["name"] = "Red team", ["mbox"] = "mailto:red@teams.example.org" };

    public const string RedKey = "mbox:mailto:red@teams.example.org";

    /// <summary>An identified Group (account), named in the 2.0 context.contextGroups.</summary>
    public static JObject Blue => new()
    {
        ["objectType"] = "Group",
        ["name"] = "Blue team",
        ["account"] = new JObject { ["homePage"] = "http://teams.example.org", ["name"] = "blue" },
    };

    public const string BlueKey = "account:http://teams.example.org\u001fblue";

    /// <summary>An anonymous Group: no identifier of its own, only its members (agents built by <see cref="Stmt.Agent"/>).</summary>
    public static JObject Anonymous(string? name, params string[] members)
    {
        var group = new JObject { ["objectType"] = "Group", ["member"] = new JArray(members.Select(Stmt.Agent)) };
        if (name is not null)
        {
            group["name"] = name;
        }

        return group;
    }

    /// <summary>
    /// The key of an anonymous group as the README defines it: "members:" and the first 16 hex digits of the SHA-256 of
    /// its members' IFI keys, distinct, sorted ordinally and joined by line feeds.
    /// </summary>
    public static string AnonymousKey(params string[] members)
    {
        var keys = members.Select(Stmt.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return "members:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys))))[..16];
    }
}
