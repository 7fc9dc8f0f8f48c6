using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Classification;

/// <summary>An activity a statement mentions, with its type and name once known (from the statement or the LRS).</summary>
public sealed record ActivityRef(string Id, string? Type, string? Name)
{
    /// <summary>The activity as written in the statement: its own definition's type and name, if it carries them.</summary>
    public static ActivityRef? From(JToken? token)
    {
        if (token is not JObject o || ((string?)o["objectType"] ?? "Activity") != "Activity" || (string?)o["id"] is not { } id)
        {
            return null;
        }

        var definition = o["definition"] as JObject;
        return new ActivityRef(id, (string?)definition?["type"], NameOf(definition));
    }

    /// <summary>What a definition the LRS holds tells about an activity (its type and name); null when none is held.</summary>
    public static ActivityRef? Held(string id, JObject? definition) =>
        definition is null ? null : new ActivityRef(id, (string?)definition["type"], NameOf(definition));

    /// <summary>Fills in what the statement left out from what the LRS holds for this activity (<see cref="Held"/>).</summary>
    public ActivityRef With(ActivityRef? held) => held is null
        ? this
        : this with { Type = Type ?? held.Type, Name = Name ?? held.Name };

    /// <summary>A display name from a definition's language map: English first, else the first language given.</summary>
    public static string? NameOf(JObject? definition)
    {
        if (definition?["name"] is not JObject names)
        {
            return null;
        }

        foreach (var preferred in (string[])["en-US", "en", "en-GB"])
        {
            if (names.TryGetValue(preferred, StringComparison.Ordinal, out var v) && v.Type == JTokenType.String)
            {
                return (string?)v;
            }
        }

        return names.Properties().Select(p => p.Value).FirstOrDefault(v => v.Type == JTokenType.String) is { } first ? (string?)first : null;
    }
}
