using Lrs.Xapi.Model;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>
/// The spec's statement comparison: two statements are the same when they differ only in what the LRS itself sets or
/// in representation. Used for id conflicts (same id, same statement: no-op; different: 409) and to check a signed
/// statement against its JWS payload.
/// </summary>
/// <remarks>
/// Ignored: id, stored, authority, version and attachments (attachments are compared by the signature check on its own
/// terms). Normalised: timestamps compared as instants, durations to hundredths of a second, a single context activity
/// versus a one-element array, the order of Group members, the case of a mailto scheme, of an mbox's domain and of
/// mbox_sha1sum.
/// </remarks>
public static class StatementComparer
{
    private static readonly string[] Ignored = ["id", "stored", "authority", "version", "attachments"];

    public static bool AreEqual(JObject a, JObject b) => JToken.DeepEquals(Normalise(a), Normalise(b));

    /// <summary>A copy of the statement in comparison form.</summary>
    public static JObject Normalise(JObject statement)
    {
        var copy = (JObject)statement.DeepClone();
        foreach (var name in Ignored)
        {
            copy.Remove(name);
        }

        // 2.0 allows "timestamp": null for an absent timestamp.
        if (copy["timestamp"]?.Type == JTokenType.Null)
        {
            copy.Remove("timestamp");
        }

        Walk(copy);
        return copy;
    }

    private static void Walk(JToken token)
    {
        switch (token)
        {
            case JObject o:
                // Children first: Group members are sorted by their text, which must already be in normal form
                // (otherwise "MAILTO:b" sorts before "mailto:a" on one side and after it on the other).
                foreach (var p in o.Properties())
                {
                    if (p.Name != "extensions")
                    {
                        Walk(p.Value);
                    }
                }

                NormaliseObject(o);
                break;
            case JArray list:
                foreach (var item in list)
                {
                    Walk(item);
                }

                break;
        }
    }

    private static void NormaliseObject(JObject o)
    {
        if (o["timestamp"] is JValue { Type: JTokenType.String } ts && Formats.TryParseTimestamp((string?)ts, out var instant))
        {
            o["timestamp"] = instant.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (o["duration"] is JValue { Type: JTokenType.String } d)
        {
            o["duration"] = Formats.DurationForComparison((string)d!);
        }

        if (o["mbox"] is JValue { Type: JTokenType.String } mbox && ((string)mbox!).Length > 7)
        {
            o["mbox"] = Ifi.NormaliseMbox((string)mbox!);
        }

        if (o["mbox_sha1sum"] is JValue { Type: JTokenType.String } sha1)
        {
            o["mbox_sha1sum"] = ((string)sha1!).ToLowerInvariant();
        }

        if (o["contextActivities"] is JObject ca)
        {
            foreach (var p in ca.Properties().ToList())
            {
                if (p.Value is JObject single)
                {
                    p.Value = new JArray(single);
                }
            }
        }

        if (o["member"] is JArray members)
        {
            var sorted = members.OrderBy(m => m.ToString(Newtonsoft.Json.Formatting.None), StringComparer.Ordinal).ToList();
            o["member"] = new JArray(sorted);
        }
    }
}
