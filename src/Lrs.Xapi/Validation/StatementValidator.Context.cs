using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Validation;

/// <summary>Context: registration, instructor, team, context activities, and the 2.0 context agents and groups.</summary>
public sealed partial class StatementValidator
{
    private static readonly string[] ContextActivityKeys = ["parent", "grouping", "category", "other"];

    private void Context(JToken token, string objectType)
    {
        _path.Push("context");
        var c = RequireObject(token, null, "must be an object");
        if (_version == XapiVersion.V200)
        {
            OnlyProperties(c, "registration", "instructor", "team", "contextActivities", "revision", "platform",
                "language", "statement", "extensions", "contextAgents", "contextGroups");
        }
        else
        {
            OnlyProperties(c, "registration", "instructor", "team", "contextActivities", "revision", "platform",
                "language", "statement", "extensions");
        }

        if (c.TryGetValue("registration", out var registration))
        {
            Uuid(registration, "registration");
        }

        if (c.TryGetValue("instructor", out var instructor))
        {
            Actor(instructor, "instructor");
        }

        if (c.TryGetValue("team", out var team))
        {
            if (team is JObject t && OptionalString(t, "objectType") != "Group")
            {
                Fail("team.objectType", "team must be a Group (objectType \"Group\")");
            }

            Actor(team, "team");
        }

        if (c.TryGetValue("contextActivities", out var contextActivities))
        {
            ContextActivities(contextActivities);
        }

        foreach (var name in (string[])["revision", "platform"])
        {
            if (c.TryGetValue(name, out var value))
            {
                StringValue(value, name);
                if (objectType != "Activity")
                {
                    Fail(name, $"may only be used when the statement's object is an Activity (it is a {objectType})");
                }
            }
        }

        if (c.TryGetValue("language", out var language) && !Formats.IsLanguageTag(StringValue(language, "language")))
        {
            Fail("language", "must be an RFC 5646 language tag");
        }

        if (c.TryGetValue("statement", out var statement))
        {
            _path.Push("statement");
            var r = RequireObject(statement, null, "must be a StatementRef object");
            if (OptionalString(r, "objectType") != "StatementRef")
            {
                Fail("objectType", "must be \"StatementRef\"");
            }

            StatementRef(r);
            _path.Pop();
        }

        if (c.TryGetValue("extensions", out var extensions))
        {
            Extensions(extensions, "extensions");
        }

        if (c.TryGetValue("contextAgents", out var contextAgents))
        {
            ContextActors(contextAgents, "contextAgents", "contextAgent", "agent");
        }

        if (c.TryGetValue("contextGroups", out var contextGroups))
        {
            ContextActors(contextGroups, "contextGroups", "contextGroup", "group");
        }

        _path.Pop();
    }

    private void ContextActivities(JToken token)
    {
        _path.Push("contextActivities");
        var ca = RequireObject(token, null, "must be an object");
        OnlyProperties(ca, ContextActivityKeys);
        foreach (var p in ca.Properties())
        {
            _path.Push(p.Name);
            if (p.Value is JArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    _path.Push(i);
                    ContextActivity(list[i]);
                    _path.Pop();
                }
            }
            else
            {
                ContextActivity(p.Value);
            }

            _path.Pop();
        }

        _path.Pop();
    }

    private void ContextActivity(JToken token)
    {
        var a = RequireObject(token, null, "must be an Activity object or an array of them");
        if (OptionalString(a, "objectType") is not (null or "Activity"))
        {
            Fail("objectType", "context activities must be Activities");
        }

        Activity(a);
    }

    /// <summary>2.0 contextAgents / contextGroups: objects naming an agent or group and optional relevantTypes.</summary>
    private void ContextActors(JToken token, string name, string objectType, string member)
    {
        _path.Push(name);
        var list = token as JArray ?? throw Error(null, "must be an array");
        for (var i = 0; i < list.Count; i++)
        {
            _path.Push(i);
            var o = RequireObject(list[i], null, $"must be a {objectType} object");
            OnlyProperties(o, "objectType", member, "relevantTypes");
            if (StringValue(Required(o, "objectType"), "objectType") != objectType)
            {
                Fail("objectType", $"must be \"{objectType}\"");
            }

            var actor = Required(o, member);
            if (member == "group" && (actor is not JObject g || OptionalString(g, "objectType") != "Group"))
            {
                Fail("group.objectType", "must be a Group (objectType \"Group\")");
            }

            if (member == "agent" && actor is JObject ag && OptionalString(ag, "objectType") is not (null or "Agent"))
            {
                Fail("agent.objectType", "must be an Agent");
            }

            Actor(actor, member);
            if (o.TryGetValue("relevantTypes", out var relevant))
            {
                _path.Push("relevantTypes");
                var types = relevant as JArray ?? throw Error(null, "must be an array of IRIs");
                if (types.Count == 0)
                {
                    Fail(null, "must not be empty");
                }

                for (var k = 0; k < types.Count; k++)
                {
                    Iri(types[k], $"[{k}]");
                }

                _path.Pop();
            }

            _path.Pop();
        }

        _path.Pop();
    }
}
