using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Storage.ContractTests;

/// <summary>Builds statements the way the ingest pipeline does (validate, prepare), for feeding stores directly.</summary>
public static class Statements
{
    public static readonly JObject Authority = JObject.Parse("""{"objectType":"Agent","name":"tests","account":{"homePage":"http://lrs.test","name":"tests"}}""");

    public static StatementToStore Prepare(string json, XapiVersion version = XapiVersion.V200, bool canDefine = true)
    {
        var statement = (JObject)XapiJson.Parse(json);
        StatementValidator.Validate(statement, version);
        return StatementPreparer.Prepare(statement, version, new Writer(Authority, canDefine));
    }

    public static StatementToStore Prepare(JObject statement, XapiVersion version = XapiVersion.V200) =>
        Prepare(statement.ToString(Newtonsoft.Json.Formatting.None), version);

    /// <summary>A simple valid statement; <paramref name="change"/> adjusts it before preparation.</summary>
    public static StatementToStore Simple(Guid? id = null, string actor = "mailto:learner@example.com", string verb = "http://adlnet.gov/expapi/verbs/experienced",
        string activity = "http://example.com/activities/a", Action<JObject>? change = null)
    {
        var s = new JObject
        {
            ["actor"] = new JObject { ["mbox"] = actor },
            ["verb"] = new JObject { ["id"] = verb },
            ["object"] = new JObject { ["id"] = activity },
        };
        if (id is { } given)
        {
            s["id"] = given.ToString("D");
        }

        change?.Invoke(s);
        return Prepare(s);
    }

    public static StatementToStore Voiding(Guid target, Guid? id = null) => Prepare(new JObject
    {
        ["id"] = (id ?? Guid.NewGuid()).ToString("D"),
        ["actor"] = new JObject { ["mbox"] = "mailto:admin@example.com" },
        ["verb"] = new JObject { ["id"] = StatementPreparer.VoidedVerb },
        ["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = target.ToString("D") },
    });

    public static StatementBatch Batch(params StatementToStore[] statements) => new(statements, []);

    public static JObject Parse(StoredStatement stored) => (JObject)XapiJson.Parse(stored.Json);

    public static string NewStoreId() => "contract-" + Guid.NewGuid().ToString("N");
}
