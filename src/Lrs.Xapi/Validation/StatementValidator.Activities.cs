using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Validation;

/// <summary>Activities and their definitions, including interaction components.</summary>
public sealed partial class StatementValidator
{
    private static readonly HashSet<string> InteractionTypes =
        ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];

    private static readonly string[] ComponentLists = ["choices", "scale", "source", "target", "steps"];

    private void Activity(JObject o)
    {
        OnlyProperties(o, "objectType", "id", "definition");
        Iri(Required(o, "id"), "id");
        if (o.TryGetValue("definition", out var definition))
        {
            Definition(definition);
        }
    }

    private void Definition(JToken token)
    {
        _path.Push("definition");
        var d = RequireObject(token, null, "must be an object");
        OnlyProperties(d, "name", "description", "type", "moreInfo", "extensions", "interactionType",
            "correctResponsesPattern", "choices", "scale", "source", "target", "steps");
        if (d.TryGetValue("name", out var name))
        {
            LanguageMap(name, "name");
        }

        if (d.TryGetValue("description", out var description))
        {
            LanguageMap(description, "description");
        }

        if (d.TryGetValue("type", out var type))
        {
            Iri(type, "type");
        }

        if (d.TryGetValue("moreInfo", out var moreInfo) && !Formats.IsIrl(StringValue(moreInfo, "moreInfo")))
        {
            Fail("moreInfo", "must be an IRL");
        }

        if (d.TryGetValue("extensions", out var extensions))
        {
            Extensions(extensions, "extensions");
        }

        if (d.TryGetValue("interactionType", out var interactionType) && !InteractionTypes.Contains(StringValue(interactionType, "interactionType")))
        {
            Fail("interactionType", "must be one of " + string.Join(", ", InteractionTypes));
        }

        if (d.TryGetValue("correctResponsesPattern", out var pattern))
        {
            _path.Push("correctResponsesPattern");
            var list = pattern as JArray ?? throw Error(null, "must be an array of strings");
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Type != JTokenType.String)
                {
                    Fail($"[{i}]", "must be a string");
                }
            }

            _path.Pop();
        }

        foreach (var listName in ComponentLists)
        {
            if (d.TryGetValue(listName, out var components))
            {
                InteractionComponents(components, listName);
            }
        }

        if (interactionType is null)
        {
            foreach (var property in (string[])["correctResponsesPattern", .. ComponentLists])
            {
                if (d.ContainsKey(property))
                {
                    Fail("interactionType", $"is required when {property} is used");
                }
            }
        }

        _path.Pop();
    }

    private void InteractionComponents(JToken token, string name)
    {
        _path.Push(name);
        var list = token as JArray ?? throw Error(null, "must be an array of interaction components");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            _path.Push(i);
            var c = RequireObject(list[i], null, "an interaction component must be an object");
            OnlyProperties(c, "id", "description");
            var id = StringValue(Required(c, "id"), "id");
            if (!ids.Add(id))
            {
                Fail("id", "interaction component ids must be distinct within a list");
            }

            if (c.TryGetValue("description", out var description))
            {
                LanguageMap(description, "description");
            }

            _path.Pop();
        }

        _path.Pop();
    }
}
