using Lrs.Xapi.Errors;
using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Validation;

/// <summary>
/// Every MUST of the spec's data model for one statement, for the version the request was made under. The first
/// broken rule throws a <see cref="ValidationException"/> naming the JSON path and the rule. Pure and allocation-light:
/// it reads the token tree and changes nothing.
/// </summary>
public sealed partial class StatementValidator
{
    private static readonly HashSet<string> StatementProperties =
        ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"];

    private static readonly HashSet<string> SubStatementProperties =
        ["objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"];

    private const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    private readonly XapiVersion _version;
    private readonly JsonPath _path;

    private StatementValidator(XapiVersion version, string? root)
    {
        _version = version;
        _path = new JsonPath(root);
    }

    /// <summary>Validates one statement. <paramref name="root"/> prefixes error paths, e.g. "[3]" inside a batch.</summary>
    public static void Validate(JToken statement, XapiVersion version, string? root = null) =>
        new StatementValidator(version, root).Statement(statement);

    private void Statement(JToken token)
    {
        var s = RequireObject(token, null, "a statement must be a JSON object");
        foreach (var p in s.Properties())
        {
            if (!StatementProperties.Contains(p.Name))
            {
                Fail(p.Name, "is not a statement property (allowed: " + string.Join(", ", StatementProperties) + ")");
            }

            // 2.0 lets a client send "timestamp": null for "no timestamp"; the LRS then fills in stored.
            if (p.Value.Type == JTokenType.Null && !(p.Name == "timestamp" && _version == XapiVersion.V200))
            {
                Fail(p.Name, "must not be null");
            }
        }

        if (s.TryGetValue("id", out var id))
        {
            Uuid(id, "id");
        }

        StatementBody(s, isSub: false);

        if (s.TryGetValue("stored", out var stored))
        {
            Timestamp(stored, "stored");
        }

        if (s.TryGetValue("authority", out var authority))
        {
            Authority(authority);
        }

        if (s.TryGetValue("version", out var version))
        {
            Version(version);
        }
    }

    /// <summary>What statements and sub-statements share: actor, verb, object, result, context, timestamp, attachments.</summary>
    private void StatementBody(JObject s, bool isSub)
    {
        Actor(Required(s, "actor"), "actor");
        var verb = Verb(Required(s, "verb"));
        var objectType = Object(Required(s, "object"), isSub);

        if (verb == VoidedVerb && objectType != "StatementRef")
        {
            Fail("object", "a statement with the verb " + VoidedVerb + " must have a StatementRef as its object");
        }

        if (s.TryGetValue("result", out var result))
        {
            Result(result);
        }

        if (s.TryGetValue("context", out var context))
        {
            Context(context, objectType);
        }

        if (s.TryGetValue("timestamp", out var timestamp) && timestamp.Type != JTokenType.Null)
        {
            Timestamp(timestamp, "timestamp");
        }

        if (s.TryGetValue("attachments", out var attachments))
        {
            Attachments(attachments);
        }
    }

    private string Verb(JToken token)
    {
        _path.Push("verb");
        var verb = RequireObject(token, null, "must be an object");
        OnlyProperties(verb, "id", "display");
        var id = Iri(Required(verb, "id"), "id");
        if (verb.TryGetValue("display", out var display))
        {
            LanguageMap(display, "display");
        }

        _path.Pop();
        return id;
    }

    /// <summary>Validates a statement's object and returns its objectType ("Activity" when absent).</summary>
    private string Object(JToken token, bool isSub)
    {
        _path.Push("object");
        var o = RequireObject(token, null, "must be an object");
        var objectType = OptionalString(o, "objectType") ?? "Activity";
        switch (objectType)
        {
            case "Activity":
                Activity(o);
                break;
            case "Agent":
                Agent(o);
                break;
            case "Group":
                Group(o);
                break;
            case "StatementRef":
                StatementRef(o);
                break;
            case "SubStatement":
                if (isSub)
                {
                    Fail("objectType", "a SubStatement must not contain another SubStatement");
                }

                SubStatement(o);
                break;
            default:
                Fail("objectType", "must be one of Activity, Agent, Group, StatementRef, SubStatement");
                break;
        }

        _path.Pop();
        return objectType;
    }

    private void StatementRef(JObject o)
    {
        OnlyProperties(o, "objectType", "id");
        Uuid(Required(o, "id"), "id");
    }

    private void SubStatement(JObject o)
    {
        foreach (var p in o.Properties())
        {
            if (!SubStatementProperties.Contains(p.Name))
            {
                Fail(p.Name, p.Name is "id" or "stored" or "version" or "authority"
                    ? "a SubStatement must not have an " + p.Name
                    : "is not a SubStatement property");
            }

            // Nulls are refused here as in a statement. The 2.0 "timestamp": null exception is for the statement's own
            // timestamp (the LRS then sets it); nothing fills in a SubStatement's, so it would be stored as null.
            if (p.Value.Type == JTokenType.Null)
            {
                Fail(p.Name, "must not be null");
            }
        }

        StatementBody(o, isSub: true);
    }

    private void Result(JToken token)
    {
        _path.Push("result");
        var r = RequireObject(token, null, "must be an object");
        OnlyProperties(r, "score", "success", "completion", "response", "duration", "extensions");
        if (r.TryGetValue("score", out var score))
        {
            Score(score);
        }

        Optional(r, "success", JTokenType.Boolean, "must be a boolean");
        Optional(r, "completion", JTokenType.Boolean, "must be a boolean");
        Optional(r, "response", JTokenType.String, "must be a string");
        if (r.TryGetValue("duration", out var duration) && !Formats.IsDuration(StringValue(duration, "duration")))
        {
            Fail("duration", "must be an ISO 8601 duration (e.g. PT1H30M5.2S)");
        }

        if (r.TryGetValue("extensions", out var extensions))
        {
            Extensions(extensions, "extensions");
        }

        _path.Pop();
    }

    private void Score(JToken token)
    {
        _path.Push("score");
        var s = RequireObject(token, null, "must be an object");
        OnlyProperties(s, "scaled", "raw", "min", "max");
        var scaled = Number(s, "scaled");
        var raw = Number(s, "raw");
        var min = Number(s, "min");
        var max = Number(s, "max");
        if (scaled is < -1 or > 1)
        {
            Fail("scaled", "must be between -1 and 1");
        }

        // Equal bounds are accepted: Open edX sends min = max = 0 for ungraded problems, and the spec's MUST (and the
        // ADL suite) only forbid min above max.
        if (min is not null && max is not null && max < min)
        {
            Fail("max", "must not be less than min");
        }

        if (raw is not null && min is not null && raw < min)
        {
            Fail("raw", "must not be less than min");
        }

        if (raw is not null && max is not null && raw > max)
        {
            Fail("raw", "must not be greater than max");
        }

        _path.Pop();
    }

    private void Timestamp(JToken token, string name)
    {
        if (!Formats.TryParseTimestamp(StringValue(token, name), _version == XapiVersion.V200, out _))
        {
            Fail(name, "must be an ISO 8601 timestamp with a valid offset (e.g. 2024-01-31T13:45:00.000Z); -00:00 is not allowed");
        }
    }

    private void Version(JToken token)
    {
        var v = StringValue(token, "version");
        var ok = _version == XapiVersion.V103
            ? v == "1.0" || XapiVersions.IsPatchOf(v, "1.0.")
            : v == "2.0" || XapiVersions.IsPatchOf(v, "2.0.") || v == "1.0" || XapiVersions.IsPatchOf(v, "1.0.");
        if (!ok)
        {
            Fail("version", _version == XapiVersion.V103
                ? "must be 1.0 or 1.0.x under X-Experience-API-Version 1.0.x"
                : "must be 1.0.x or 2.0.x");
        }
    }

    private void Attachments(JToken token)
    {
        _path.Push("attachments");
        var list = token as JArray ?? throw Error(null, "must be an array");
        for (var i = 0; i < list.Count; i++)
        {
            _path.Push(i);
            var a = RequireObject(list[i], null, "an attachment must be an object");
            OnlyProperties(a, "usageType", "display", "description", "contentType", "length", "sha2", "fileUrl");
            var usage = Iri(Required(a, "usageType"), "usageType");
            LanguageMap(Required(a, "display"), "display");
            if (a.TryGetValue("description", out var description))
            {
                LanguageMap(description, "description");
            }

            var contentType = StringValue(Required(a, "contentType"), "contentType");
            if (!Formats.IsMediaType(contentType))
            {
                Fail("contentType", "must be an Internet media type (type/subtype)");
            }

            // Json.NET reads integers beyond a long as BigInteger, which Value<long>() cannot convert: check the CLR type.
            var length = Required(a, "length");
            if (length is not JValue { Value: long n } || n < 0)
            {
                Fail("length", "must be a non-negative integer (of at most 64 bits)");
            }

            var sha2 = StringValue(Required(a, "sha2"), "sha2");
            if (sha2.Length == 0 || !sha2.All(char.IsAsciiHexDigit))
            {
                Fail("sha2", "must be the hex SHA-2 hash of the attachment");
            }

            if (a.TryGetValue("fileUrl", out var fileUrl) && !Formats.IsIrl(StringValue(fileUrl, "fileUrl")))
            {
                Fail("fileUrl", "must be an IRL");
            }

            if (usage == Signatures.UsageType && !string.Equals(contentType.Split(';')[0].Trim(), "application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                Fail("contentType", "a signature attachment must have contentType application/octet-stream");
            }

            _path.Pop();
        }

        _path.Pop();
    }
}
