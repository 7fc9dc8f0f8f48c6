using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Support;

/// <summary>Builds small statements for hand-worked examples: Stmt.By("ann").Did(verb).On(activity).At(time).</summary>
internal sealed class Stmt
{
    private readonly JObject _s = new();
    private static int _counter;

    private Stmt(JObject actor)
    {
        _s["id"] = NextId().ToString("D");
        _s["actor"] = actor;
        _s["object"] = new JObject { ["id"] = "http://example.org/nothing" };
        _s["timestamp"] = "2026-01-05T09:00:00Z";
    }

    /// <summary>An agent by short name: mbox mailto:NAME@example.org, name NAME.</summary>
    public static Stmt By(string name) => new(Agent(name));

    public static JObject Agent(string name) => new() { ["objectType"] = "Agent", ["name"] = name, ["mbox"] = $"mailto:{name}@example.org" };

    /// <summary>The Ifi key the projection stores for an agent built by <see cref="Agent"/>.</summary>
    public static string Key(string name) => $"mbox:mailto:{name}@example.org";

    public static JObject Activity(string id, string? type = null, string? name = null)
    {
        var a = new JObject { ["objectType"] = "Activity", ["id"] = id };
        if (type is not null || name is not null)
        {
            var d = new JObject();
            if (name is not null)
            {
                d["name"] = new JObject { ["en-US"] = name };
            }

            if (type is not null)
            {
                d["type"] = type;
            }

            a["definition"] = d;
        }

        return a;
    }

    public Stmt Did(string verb)
    {
        _s["verb"] = new JObject { ["id"] = verb };
        return this;
    }

    public Stmt On(JObject obj)
    {
        _s["object"] = obj;
        return this;
    }

    public Stmt OnActivity(string id, string? type = null, string? name = null) => On(Activity(id, type, name));

    public Stmt OnAgent(string name) => On(Agent(name));

    public Stmt Voiding(Guid target) => Did(Iri.Voided).On(new JObject { ["objectType"] = "StatementRef", ["id"] = target.ToString("D") });

    public Stmt At(string timestamp)
    {
        _s["timestamp"] = timestamp;
        return this;
    }

    public Stmt At(DateTime utc) => At(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public Stmt WithId(Guid id)
    {
        _s["id"] = id.ToString("D");
        return this;
    }

    public Stmt Parent(params JObject[] activities) => Context("parent", activities);

    public Stmt Grouping(params JObject[] activities) => Context("grouping", activities);

    public Stmt Category(params JObject[] activities) => Context("category", activities);

    public Stmt Other(params JObject[] activities) => Context("other", activities);

    /// <summary>Names a team in context.team.</summary>
    public Stmt Team(JObject group)
    {
        var context = (JObject)(_s["context"] ??= new JObject());
        context["team"] = group.DeepClone();
        return this;
    }

    /// <summary>Names teams the xAPI 2.0 way, in context.contextGroups (and marks the statement 2.0.0).</summary>
    public Stmt ContextGroups(params JObject[] groups)
    {
        var context = (JObject)(_s["context"] ??= new JObject());
        context["contextGroups"] = new JArray(groups.Select(g => new JObject { ["objectType"] = "contextGroup", ["group"] = g.DeepClone() }));
        _s["version"] = "2.0.0";
        return this;
    }

    public Stmt Extension(string key, JToken value)
    {
        var context = (JObject)(_s["context"] ??= new JObject());
        var ext = (JObject)(context["extensions"] ??= new JObject());
        ext[key] = value;
        return this;
    }

    public Guid Id => Guid.Parse((string)_s["id"]!);

    public JObject Build() => (JObject)_s.DeepClone();

    private Stmt Context(string kind, JObject[] activities)
    {
        var context = (JObject)(_s["context"] ??= new JObject());
        var ca = (JObject)(context["contextActivities"] ??= new JObject());
        ca[kind] = new JArray(activities.Select(a => a.DeepClone()));
        return this;
    }

    /// <summary>Deterministic ids, so a failing test names the same statement on every run.</summary>
    private static Guid NextId()
    {
        var n = Interlocked.Increment(ref _counter);
        return Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:D12}"));
    }
}
