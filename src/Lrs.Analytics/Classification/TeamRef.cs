using System.Security.Cryptography;
using System.Text;
using Lrs.Xapi.Model;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Classification;

/// <summary>
/// A team a statement names: the Group in context.team, or (xAPI 2.0) the group of a context.contextGroups entry.
/// The key is the group's IFI key; an anonymous group has none, so it is keyed by its members.
/// </summary>
public sealed record TeamRef(string Key, string? Name)
{
    /// <summary>Prefix of the key of an anonymous group (no IFI of its own).</summary>
    public const string AnonymousPrefix = "members:";

    /// <summary>The team of a Group object; null when it is not an object or is anonymous without identified members.</summary>
    public static TeamRef? From(JToken? group)
    {
        if (group is not JObject g)
        {
            return null;
        }

        var key = Ifi.KeyOf(g) ?? AnonymousKey(g["member"] as JArray);
        return key is null ? null : new TeamRef(key, g["name"] is { Type: JTokenType.String } name ? (string?)name : null);
    }

    /// <summary>
    /// The same members in any order, under any names, give the same key: a digest of their sorted distinct IFI keys
    /// (ordinal). A digest keeps the key short enough for a query string whatever the group's size.
    /// </summary>
    public static string? AnonymousKey(JArray? members)
    {
        var keys = (members ?? []).Select(Ifi.KeyOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys)));
        return AnonymousPrefix + Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>The teams of a statement's context, each once (the first name given wins), context.team first.</summary>
    public static IReadOnlyList<TeamRef> OfContext(JObject? context)
    {
        if (context is null)
        {
            return [];
        }

        var groups = new List<JToken?> { context["team"] };
        if (context["contextGroups"] is JArray contextGroups)
        {
            groups.AddRange(contextGroups.Select(cg => cg is JObject o ? o["group"] : null));
        }

        var teams = new List<TeamRef>();
        foreach (var team in groups.Select(From).OfType<TeamRef>())
        {
            var same = teams.FindIndex(t => t.Key == team.Key);
            if (same < 0)
            {
                teams.Add(team);
            }
            else if (teams[same].Name is null && team.Name is not null)
            {
                teams[same] = team;
            }
        }

        return teams;
    }
}
