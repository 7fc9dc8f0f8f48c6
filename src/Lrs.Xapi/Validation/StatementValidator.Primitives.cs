using System.Diagnostics.CodeAnalysis;
using Lrs.Xapi.Errors;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Validation;

/// <summary>The building blocks every rule uses: types, required properties, IRIs, UUIDs, language maps, extensions.</summary>
public sealed partial class StatementValidator
{
    /// <summary>Validates an Agent or Group given outside a statement (the agent parameter of a query or document).</summary>
    public static void ValidateActor(JToken actor, XapiVersion version, string parameter) =>
        new StatementValidator(version, null).Actor(actor, parameter);

    /// <summary>Validates an Agent (not a Group), as the document resources require.</summary>
    public static void ValidateAgent(JToken agent, XapiVersion version, string parameter)
    {
        var v = new StatementValidator(version, null);
        v._path.Push(parameter);
        var o = v.RequireObject(agent, null, "must be an Agent object");
        if (v.OptionalString(o, "objectType") is not (null or "Agent"))
        {
            v.Fail("objectType", "must be Agent");
        }

        v.Agent(o);
    }

    private ValidationException Error(string? name, string rule) => new(_path.With(name), rule);

    [DoesNotReturn]
    private void Fail(string? name, string rule) => throw Error(name, rule);

    private JObject RequireObject(JToken token, string? name, string rule) =>
        token as JObject ?? throw Error(name, rule);

    private JToken Required(JObject o, string name)
    {
        if (!o.TryGetValue(name, out var value))
        {
            Fail(name, "is required");
        }

        return value!;
    }

    /// <summary>Rejects unknown properties and null values: the spec allows null only inside extensions.</summary>
    private void OnlyProperties(JObject o, params ReadOnlySpan<string> allowed)
    {
        // Walks the children by sibling link: Properties() allocated an iterator and a cast wrapper for every object.
        for (var child = o.First; child is not null; child = child.Next)
        {
            var p = (JProperty)child;
            var known = false;
            foreach (var a in allowed)
            {
                if (a == p.Name)
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                Fail(p.Name, "is not an allowed property here (allowed: " + string.Join(", ", allowed.ToArray()) + ")");
            }

            if (p.Value.Type == JTokenType.Null)
            {
                Fail(p.Name, "must not be null");
            }
        }
    }

    private void Optional(JObject o, string name, JTokenType type, string rule)
    {
        if (o.TryGetValue(name, out var value) && value.Type != type)
        {
            Fail(name, rule);
        }
    }

    private string? OptionalString(JObject o, string name) =>
        o.TryGetValue(name, out var value) ? StringValue(value, name) : null;

    private string StringValue(JToken token, string name) =>
        token.Type == JTokenType.String ? (string)token! : throw Error(name, "must be a string");

    private double? Number(JObject o, string name)
    {
        if (!o.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            Fail(name, "must be a number");
        }

        // The explicit conversion handles integers beyond a long (BigInteger); Value<double>() throws on them.
        return (double)value;
    }

    private string Iri(JToken token, string name)
    {
        var value = StringValue(token, name);
        if (!Formats.IsIri(value))
        {
            Fail(name, "must be an absolute IRI (a scheme such as https: followed by the rest, no spaces)");
        }

        return value;
    }

    private void Uuid(JToken token, string name)
    {
        if (!Formats.IsUuid(StringValue(token, name)))
        {
            Fail(name, "must be a UUID (8-4-4-4-12 hex digits)");
        }
    }

    private void LanguageMap(JToken token, string name)
    {
        _path.Push(name);
        var map = RequireObject(token, null, "must be a language map (an object of language tag to string)");
        foreach (var p in map.Properties())
        {
            if (!Formats.IsLanguageTag(p.Name))
            {
                Fail(p.Name, "is not an RFC 5646 language tag");
            }

            if (p.Value.Type != JTokenType.String)
            {
                Fail(p.Name, "a language map value must be a string");
            }
        }

        _path.Pop();
    }

    /// <summary>Extension keys are IRIs; values may be any JSON, null included.</summary>
    private void Extensions(JToken token, string name)
    {
        _path.Push(name);
        var map = RequireObject(token, null, "must be an object whose keys are IRIs");
        foreach (var p in map.Properties())
        {
            if (!Formats.IsIri(p.Name))
            {
                Fail(p.Name, "an extension key must be an absolute IRI");
            }
        }

        _path.Pop();
    }
}
