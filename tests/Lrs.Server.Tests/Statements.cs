using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests;

/// <summary>Statements for tests: valid by default, each test changing what it is about.</summary>
public static class Statements
{
    public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>An activity IRI no other test uses, so that queries by it see only this test's statements.</summary>
    public static string NewActivity() => "http://example.com/activities/" + Guid.NewGuid().ToString("N");

    public static string NewMbox() => "mailto:learner-" + Guid.NewGuid().ToString("N")[..12] + "@example.com";

    public static JObject Agent(string mbox, string? name = null)
    {
        var agent = new JObject { ["objectType"] = "Agent", ["mbox"] = mbox };
        if (name is not null)
        {
            agent["name"] = name;
        }

        return agent;
    }

    public static JObject Make(string activity, string? mbox = null, string verb = Experienced, Guid? id = null)
    {
        var statement = new JObject();
        if (id is not null)
        {
            statement["id"] = id.Value.ToString("D");
        }

        statement["actor"] = Agent(mbox ?? "mailto:learner@example.com", "A Learner");
        statement["verb"] = new JObject { ["id"] = verb, ["display"] = new JObject { ["en-US"] = "did" } };
        statement["object"] = new JObject { ["objectType"] = "Activity", ["id"] = activity };
        return statement;
    }

    /// <summary>A statement with a fresh id, about a fresh activity.</summary>
    public static JObject WithId(out Guid id, string? activity = null)
    {
        id = Guid.NewGuid();
        return Make(activity ?? NewActivity(), id: id);
    }

    public static JObject Voiding(Guid target) => new()
    {
        ["actor"] = Agent("mailto:admin@example.com"),
        ["verb"] = new JObject { ["id"] = Voided, ["display"] = new JObject { ["en-US"] = "voided" } },
        ["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = target.ToString("D") },
    };
}
