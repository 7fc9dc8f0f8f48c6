using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>Who is storing statements: the authority the LRS records, and whether they may define activities.</summary>
public sealed record Writer(JObject Authority, bool CanDefine)
{
    /// <summary>The authority's IFI key, worked out once per writer rather than once per statement.</summary>
    public string? AuthorityKey { get; } = Ifi.KeyOf(Authority);
}

/// <summary>
/// The "prepare" step of ingest: what the LRS adds to a valid statement before storing it. It fills in the id, sets
/// the authority from the credential (the spec lets the LRS overwrite it), fills in the version, drops a client's
/// "stored", and returns context activities as arrays as the spec requires.
/// </summary>
public static class StatementPreparer
{
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>Prepares a validated statement in place and returns what the store needs.</summary>
    public static StatementToStore Prepare(JObject statement, XapiVersion version, Writer writer)
    {
        Guid id;
        if ((string?)statement["id"] is { } given)
        {
            id = Guid.Parse(given);
        }
        else
        {
            // Version 7: time-ordered, so the store's id index grows at its end instead of at random pages.
            id = Guid.CreateVersion7();
            statement.AddFirst(new JProperty("id", id.ToString("D")));
        }

        statement.Remove("stored");
        statement["authority"] = writer.Authority.DeepClone();
        if (statement["version"] is null)
        {
            statement["version"] = version.DefaultStatementVersion();
        }

        if (statement["timestamp"]?.Type == JTokenType.Null)
        {
            statement.Remove("timestamp");
        }

        ContextActivitiesAsArrays(statement["context"] as JObject);
        var obj = (JObject)statement["object"]!;
        var objectType = (string?)obj["objectType"];
        if (objectType == "SubStatement")
        {
            ContextActivitiesAsArrays(obj["context"] as JObject);
        }

        Guid? voids = null;
        Guid? refersTo = null;
        if (objectType == "StatementRef")
        {
            var target = Guid.Parse((string)obj["id"]!);
            if ((string?)statement["verb"]?["id"] == VoidedVerb)
            {
                voids = target;
            }
            else
            {
                refersTo = target;
            }
        }

        return new StatementToStore
        {
            Id = id,
            Utf8 = XapiJson.SerializeUtf8(statement),
            NeedsTimestamp = statement["timestamp"] is null,
            Index = StatementIndexer.Build(statement),
            Voids = voids,
            RefersTo = refersTo,
            Definitions = writer.CanDefine ? ActivityDefinitions.Collect(statement) : [],
            AuthorityKey = writer.AuthorityKey,
        };
    }

    private static void ContextActivitiesAsArrays(JObject? context)
    {
        if (context?["contextActivities"] is not JObject ca)
        {
            return;
        }

        foreach (var p in ca.Properties())
        {
            if (p.Value is JObject single)
            {
                p.Value = new JArray(single);
            }
        }
    }
}
