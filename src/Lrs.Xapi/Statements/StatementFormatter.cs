using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>
/// Shapes stored statements for a reader: format=ids keeps only what identifies agents, activities and verbs;
/// format=canonical keeps one language per language map; a 1.0.3 reader of a 2.0 statement gets a form valid for 1.0.3.
/// </summary>
public static class StatementFormatter
{
    private static readonly string[] Ifis = ["mbox", "mbox_sha1sum", "openid", "account"];

    /// <summary>
    /// True when a stored statement must be rewritten before a 1.0.3 reader sees it. The text test is a cheap
    /// pre-filter; the parsed version decides.
    /// </summary>
    public static bool MayNeed103Form(string json) => json.Contains("\"version\":\"2.", StringComparison.Ordinal);

    public static bool Is2x(JObject statement) => ((string?)statement["version"])?.StartsWith("2.", StringComparison.Ordinal) == true;

    /// <summary>
    /// 1.0.3 has no contextAgents / contextGroups and reads timestamps as ISO 8601: drop the former, write the latter
    /// in UTC, and label the statement 1.0.0 (the version property of every 1.0.x statement).
    /// </summary>
    public static void To103(JObject statement)
    {
        statement["version"] = "1.0.0";
        To103Body(statement);
        if (statement["object"] is JObject o && (string?)o["objectType"] == "SubStatement")
        {
            To103Body(o);
        }
    }

    private static void To103Body(JObject statement)
    {
        if (statement["context"] is JObject context)
        {
            context.Remove("contextAgents");
            context.Remove("contextGroups");
        }

        if (statement["timestamp"] is JValue { Type: JTokenType.String } ts && Formats.TryParseTimestamp((string?)ts, out var instant))
        {
            statement["timestamp"] = Formats.FormatTimestamp(instant);
        }
    }

    /// <summary>format=ids: agents and groups reduced to their IFIs (anonymous groups to their members), activities and verbs to their ids.</summary>
    public static void ToIds(JObject statement)
    {
        IdsBody(statement);
        if (statement["authority"] is JObject authority)
        {
            statement["authority"] = ActorIds(authority);
        }

        if (statement["object"] is JObject o && (string?)o["objectType"] == "SubStatement")
        {
            IdsBody(o);
        }
    }

    private static void IdsBody(JObject s)
    {
        if (s["actor"] is JObject actor)
        {
            s["actor"] = ActorIds(actor);
        }

        if (s["verb"] is JObject verb)
        {
            s["verb"] = new JObject { ["id"] = verb["id"] };
        }

        if (s["object"] is JObject obj)
        {
            var type = (string?)obj["objectType"] ?? "Activity";
            if (type == "Activity")
            {
                s["object"] = ActivityIds(obj);
            }
            else if (type is "Agent" or "Group")
            {
                s["object"] = ActorIds(obj);
            }
        }

        if (s["context"] is JObject context)
        {
            foreach (var name in (string[])["instructor", "team"])
            {
                if (context[name] is JObject a)
                {
                    context[name] = ActorIds(a);
                }
            }

            if (context["contextActivities"] is JObject ca)
            {
                foreach (var p in ca.Properties())
                {
                    if (p.Value is JArray list)
                    {
                        p.Value = new JArray(list.OfType<JObject>().Select(ActivityIds));
                    }
                }
            }

            foreach (var (listName, member) in (ReadOnlySpan<(string, string)>)[("contextAgents", "agent"), ("contextGroups", "group")])
            {
                if (context[listName] is JArray list)
                {
                    foreach (var item in list.OfType<JObject>())
                    {
                        if (item[member] is JObject a)
                        {
                            item[member] = ActorIds(a);
                        }
                    }
                }
            }
        }
    }

    private static JObject ActivityIds(JObject activity) => new() { ["id"] = activity["id"] };

    private static JObject ActorIds(JObject actor)
    {
        var result = new JObject();
        if (actor["objectType"] is { } type)
        {
            result["objectType"] = type;
        }

        var hasIfi = false;
        foreach (var ifi in Ifis)
        {
            if (actor[ifi] is { } value)
            {
                result[ifi] = value;
                hasIfi = true;
            }
        }

        if (!hasIfi && actor["member"] is JArray members)
        {
            result["member"] = new JArray(members.OfType<JObject>().Select(ActorIds));
        }

        return result;
    }

    /// <summary>format=canonical: every language map keeps the one entry that best fits the reader's languages.</summary>
    public static void ToCanonical(JObject statement, IReadOnlyList<string> languages)
    {
        foreach (var map in LanguageMapsOf(statement).ToList())
        {
            var chosen = Choose(map, languages);
            if (chosen is null)
            {
                continue;
            }

            foreach (var p in map.Properties().ToList())
            {
                if (p != chosen)
                {
                    p.Remove();
                }
            }
        }
    }

    /// <summary>Language maps live under display, name, description, and interaction components' description.</summary>
    private static IEnumerable<JObject> LanguageMapsOf(JToken token)
    {
        if (token is JObject o)
        {
            foreach (var p in o.Properties())
            {
                if (p.Name == "extensions")
                {
                    continue;
                }

                if (p.Name is "display" or "name" or "description" && p.Value is JObject map)
                {
                    yield return map;
                }
                else
                {
                    foreach (var inner in LanguageMapsOf(p.Value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (token is JArray list)
        {
            foreach (var item in list)
            {
                foreach (var inner in LanguageMapsOf(item))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JProperty? Choose(JObject map, IReadOnlyList<string> languages)
    {
        foreach (var lang in languages)
        {
            foreach (var p in map.Properties())
            {
                if (string.Equals(p.Name, lang, StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }

            // "en" in Accept-Language also accepts "en-US" in the map, and the other way round.
            foreach (var p in map.Properties())
            {
                if (PrimaryTag(p.Name).Equals(PrimaryTag(lang), StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }
        }

        return map.Properties().FirstOrDefault();
    }

    private static string PrimaryTag(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag[..dash];
    }
}
