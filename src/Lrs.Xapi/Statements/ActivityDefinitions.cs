using System.Collections.Concurrent;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>
/// The canonical activity definitions of the Activities resource: collected from statements and merged, newest
/// wins per property, language maps merged per language.
/// </summary>
public static class ActivityDefinitions
{
    private static readonly HashSet<string> LanguageMaps = ["name", "description"];

    /// <summary>Every activity with a definition in the statement: object, context activities, and inside a SubStatement.</summary>
    public static IReadOnlyList<ActivityDefinition> Collect(JObject statement)
    {
        var found = new List<ActivityDefinition>();
        CollectFrom(statement, found);
        if (statement["object"] is JObject { } o && (string?)o["objectType"] == "SubStatement")
        {
            CollectFrom(o, found);
        }

        return found;
    }

    private static void CollectFrom(JObject statement, List<ActivityDefinition> found)
    {
        Add(statement["object"], found);
        if (statement["context"]?["contextActivities"] is JObject ca)
        {
            foreach (var p in ca.Properties())
            {
                if (p.Value is JArray list)
                {
                    foreach (var a in list)
                    {
                        Add(a, found);
                    }
                }
                else
                {
                    Add(p.Value, found);
                }
            }
        }
    }

    private static void Add(JToken? activity, List<ActivityDefinition> found)
    {
        if (activity is JObject a && ((string?)a["objectType"] ?? "Activity") == "Activity" &&
            (string?)a["id"] is { } id && a["definition"] is JObject definition)
        {
            found.Add(new ActivityDefinition(SharedStrings.Share(id), Detached(id, definition)));
        }
    }

    /// <summary>
    /// A detached copy of the definition (a node of the statement's tree would keep all of it alive), shared with the
    /// statements before it that sent the same definition for the same activity: nearly all of them do, and a batch's
    /// copies were promoted to gen2 waiting for the commit, and died there (issue 6). Shared copies are never changed:
    /// merging reads them and builds a new object. Bounded like <see cref="SharedStrings"/>.
    /// </summary>
    private static JObject Detached(string id, JObject definition)
    {
        var known = Recent.TryGetValue(id, out var held);
        if (known && JToken.DeepEquals(held, definition))
        {
            return held!;
        }

        var copy = (JObject)definition.DeepClone();
        if (known)
        {
            Recent[id] = copy; // the newest definition of an activity is the one its next statements likely repeat
        }
        else if (Volatile.Read(ref _recentCount) < MaxRecent && Recent.TryAdd(id, copy))
        {
            Interlocked.Increment(ref _recentCount);
        }

        return copy;
    }

    private const int MaxRecent = 4096;

    /// <summary>Activities held (the dictionary's own Count takes every lock it has).</summary>
    private static int _recentCount;

    private static readonly ConcurrentDictionary<string, JObject> Recent = new(StringComparer.Ordinal);

    /// <summary>Merges a newly seen definition into the canonical one (null when none is held yet).</summary>
    public static JObject Merge(JObject? canonical, JObject incoming)
    {
        var result = canonical is null ? new JObject() : (JObject)canonical.DeepClone();
        foreach (var p in incoming.Properties())
        {
            if (LanguageMaps.Contains(p.Name) && p.Value is JObject map && result[p.Name] is JObject held)
            {
                foreach (var lang in map.Properties())
                {
                    held[lang.Name] = lang.Value.DeepClone();
                }
            }
            else if (p.Name == "extensions" && p.Value is JObject ext && result[p.Name] is JObject heldExt)
            {
                foreach (var e in ext.Properties())
                {
                    heldExt[e.Name] = e.Value.DeepClone();
                }
            }
            else
            {
                result[p.Name] = p.Value.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The Activity object the Activities resource returns.</summary>
    public static JObject ToActivity(string activityId, JObject? definition)
    {
        var activity = new JObject { ["objectType"] = "Activity", ["id"] = activityId };
        if (definition is not null && definition.HasValues)
        {
            activity["definition"] = definition;
        }

        return activity;
    }
}
