using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Classification;

/// <summary>
/// The parts of a statement that classification, topic and metrics read, taken out of the JSON once. Activities
/// start with the type and name the statement gives; <see cref="WithHeldDefinitions"/> completes them from the LRS.
/// </summary>
public sealed record StatementView
{
    public required Guid Id { get; init; }

    public required string Verb { get; init; }

    /// <summary>The IFI key of the actor (Agent or identified Group); null for an anonymous Group.</summary>
    public string? ActorKey { get; init; }

    public string? ActorName { get; init; }

    /// <summary>"Activity", "Agent", "Group", "StatementRef" or "SubStatement".</summary>
    public required string ObjectType { get; init; }

    /// <summary>The object when it is an activity.</summary>
    public ActivityRef? Object { get; init; }

    /// <summary>The statement voided, when this is a voiding statement.</summary>
    public Guid? Voids { get; init; }

    public IReadOnlyList<ActivityRef> Parent { get; init; } = [];

    public IReadOnlyList<ActivityRef> Grouping { get; init; } = [];

    public IReadOnlyList<ActivityRef> Category { get; init; } = [];

    public IReadOnlyList<ActivityRef> Other { get; init; } = [];

    public IReadOnlyList<string> ContextExtensionKeys { get; init; } = [];

    /// <summary>The teams the context names (context.team, 2.0 contextGroups), each once.</summary>
    public IReadOnlyList<TeamRef> Teams { get; init; } = [];

    /// <summary>The statement's timestamp in UTC (the LRS fills it in when the statement has none).</summary>
    public DateTime? Timestamp { get; init; }

    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>An agent or group as <see cref="Ifi.KeyOf"/> and the actor's name read it.</summary>
    internal static readonly JsonShape AgentShape = JsonShape.Of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");

    /// <summary>A team as <see cref="TeamRef.From"/> reads it: an anonymous one is known by its members.</summary>
    internal static readonly JsonShape TeamShape = AgentShape.With(("member", AgentShape));

    /// <summary>A 2.0 context's contextGroups list as <see cref="TeamRef.OfContext"/> reads it.</summary>
    internal static readonly JsonShape ContextGroupShape = JsonShape.Of().With(("group", TeamShape));

    /// <summary>A stored statement's view, read from its JSON without building it as a tree (<see cref="StatementViewReader"/>).</summary>
    public static StatementView Read(string json) => StatementViewReader.Read(json);

    public static StatementView Parse(JObject statement)
    {
        var obj = statement["object"] as JObject;
        var objectType = (string?)obj?["objectType"] ?? "Activity";
        var verb = (string?)statement["verb"]?["id"] ?? "";
        var context = statement["context"] as JObject;
        var ca = context?["contextActivities"] as JObject;
        var actor = statement["actor"] as JObject;
        Guid? voids = null;
        if (objectType == "StatementRef" && verb == VoidedVerb && Guid.TryParse((string?)obj?["id"], out var target))
        {
            voids = target;
        }

        return new StatementView
        {
            Id = Guid.TryParse((string?)statement["id"], out var id) ? id : Guid.Empty,
            Verb = verb,
            ActorKey = Ifi.KeyOf(actor),
            ActorName = (string?)actor?["name"],
            ObjectType = objectType,
            Object = objectType == "Activity" ? ActivityRef.From(obj) : null,
            Voids = voids,
            Parent = Activities(ca?["parent"]),
            Grouping = Activities(ca?["grouping"]),
            Category = Activities(ca?["category"]),
            Other = Activities(ca?["other"]),
            ContextExtensionKeys = context?["extensions"] is JObject ext ? ext.Properties().Select(p => p.Name).ToList() : [],
            Teams = TeamRef.OfContext(context),
            Timestamp = ParseTime((string?)statement["timestamp"]),
        };
    }

    /// <summary>Every activity the statement names (object and context), each once.</summary>
    public IEnumerable<ActivityRef> Activities() =>
        (Object is null ? Parent : Parent.Prepend(Object)).Concat(Grouping).Concat(Category).Concat(Other);

    /// <summary>The ids whose type the statement leaves out: only the LRS's held definitions can tell them.</summary>
    public IEnumerable<string> IdsLackingType() =>
        Activities().Where(a => a.Type is null).Select(a => a.Id).Distinct(StringComparer.Ordinal);

    /// <summary>This view with every activity completed from the definitions the LRS holds (by activity id).</summary>
    public StatementView WithHeldDefinitions(Func<string, ActivityRef?> held)
    {
        ActivityRef Fill(ActivityRef a) => a.Type is null || a.Name is null ? a.With(held(a.Id)) : a;
        List<ActivityRef> FillAll(IReadOnlyList<ActivityRef> list) => list.Select(Fill).ToList();
        return this with
        {
            Object = Object is null ? null : Fill(Object),
            Parent = FillAll(Parent),
            Grouping = FillAll(Grouping),
            Category = FillAll(Category),
            Other = FillAll(Other),
        };
    }

    private static List<ActivityRef> Activities(JToken? token) => token switch
    {
        JArray list => list.Select(ActivityRef.From).OfType<ActivityRef>().ToList(),
        JObject single => ActivityRef.From(single) is { } a ? [a] : [],
        _ => [],
    };

    /// <summary>Read as the LRS validated it (ISO 8601, any offset; none means UTC).</summary>
    internal static DateTime? ParseTime(string? timestamp) =>
        Formats.TryParseTimestamp(timestamp, out var t) ? t.UtcDateTime : null;
}
