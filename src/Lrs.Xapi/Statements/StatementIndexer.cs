using Lrs.Xapi.Model;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>
/// Turns a statement into the values queries filter on (a pure function; the store writes them as index rows).
/// </summary>
public static class StatementIndexer
{
    public static StatementIndex Build(JObject statement)
    {
        var agents = new List<string>(4);
        var related = new List<string>(8);
        var activities = new List<string>(1);
        var relatedActivities = new List<string>(6);

        // The agent parameter matches the actor or the object, and the members of either when it is a Group.
        agents.AddRange(Ifi.KeysWithMembers(statement["actor"]));
        var obj = statement["object"] as JObject;
        var objectType = (string?)obj?["objectType"] ?? "Activity";
        if (objectType is "Agent" or "Group")
        {
            agents.AddRange(Ifi.KeysWithMembers(obj));
        }

        if (objectType == "Activity" && (string?)obj?["id"] is { } activityId)
        {
            activities.Add(activityId);
        }

        related.AddRange(agents);
        related.AddRange(Ifi.KeysWithMembers(statement["authority"]));
        AddContext(statement["context"] as JObject, related, relatedActivities);
        relatedActivities.AddRange(activities);

        // related_* reach into a SubStatement's actor, object and context.
        if (objectType == "SubStatement" && obj is not null)
        {
            related.AddRange(Ifi.KeysWithMembers(obj["actor"]));
            var inner = obj["object"] as JObject;
            var innerType = (string?)inner?["objectType"] ?? "Activity";
            if (innerType is "Agent" or "Group")
            {
                related.AddRange(Ifi.KeysWithMembers(inner));
            }
            else if (innerType == "Activity" && (string?)inner?["id"] is { } innerId)
            {
                relatedActivities.Add(innerId);
            }

            AddContext(obj["context"] as JObject, related, relatedActivities);
        }

        var registration = (string?)statement["context"]?["registration"];
        return new StatementIndex(
            SharedStrings.Share(Distinct(agents)),
            SharedStrings.Share(Distinct(related)),
            SharedStrings.Share((string?)statement["verb"]?["id"] ?? ""),
            SharedStrings.Share(activities),
            SharedStrings.Share(Distinct(relatedActivities)),
            registration is not null && Guid.TryParse(registration, out var r) ? r : null);
    }

    private static void AddContext(JObject? context, List<string> agents, List<string> activities)
    {
        if (context is null)
        {
            return;
        }

        agents.AddRange(Ifi.KeysWithMembers(context["instructor"]));
        agents.AddRange(Ifi.KeysWithMembers(context["team"]));
        if (context["contextAgents"] is JArray contextAgents)
        {
            foreach (var ca in contextAgents)
            {
                agents.AddRange(Ifi.KeysWithMembers(ca["agent"]));
            }
        }

        if (context["contextGroups"] is JArray contextGroups)
        {
            foreach (var cg in contextGroups)
            {
                agents.AddRange(Ifi.KeysWithMembers(cg["group"]));
            }
        }

        if (context["contextActivities"] is JObject ca2)
        {
            foreach (var p in ca2.Properties())
            {
                foreach (var a in p.Value is JArray list ? list : new JArray(p.Value))
                {
                    if ((string?)a["id"] is { } id)
                    {
                        activities.Add(id);
                    }
                }
            }
        }
    }

    private static List<string> Distinct(List<string> values) =>
        values.Count <= 1 ? values : values.Distinct(StringComparer.Ordinal).ToList();
}
