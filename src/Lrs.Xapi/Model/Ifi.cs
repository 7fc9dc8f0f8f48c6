using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Model;

/// <summary>
/// Inverse functional identifiers: what makes two Agent or Group objects the same person or group. The key is a flat
/// string ("mbox:mailto:a@example.com", "account:https://lms.example.com\u001f1234") used by indexes and documents.
/// </summary>
public static class Ifi
{
    private const char Separator = '\u001f';

    /// <summary>The IFI key of an Agent or identified Group, or null for an anonymous Group (or a non-object).</summary>
    public static string? KeyOf(JToken? actor)
    {
        if (actor is not JObject o)
        {
            return null;
        }

        if (o.TryGetValue("mbox", out var mbox) && mbox.Type == JTokenType.String)
        {
            return "mbox:" + NormaliseMbox((string)mbox!);
        }

        if (o.TryGetValue("mbox_sha1sum", out var sha1) && sha1.Type == JTokenType.String)
        {
            return "sha1:" + ((string)sha1!).ToLowerInvariant();
        }

        if (o.TryGetValue("openid", out var openid) && openid.Type == JTokenType.String)
        {
            return "openid:" + (string)openid!;
        }

        if (o.TryGetValue("account", out var account) && account is JObject a)
        {
            return "account:" + (string?)a["homePage"] + Separator + (string?)a["name"];
        }

        return null;
    }

    /// <summary>
    /// A mailto IRI as agents are compared: the scheme and the domain are case-insensitive (RFC 3986, RFC 5321, and
    /// xAPI 1.0.3 Data 2.3.1); the local part is kept as sent, since a mail server may treat its case as significant.
    /// </summary>
    public static string NormaliseMbox(string mbox)
    {
        var address = mbox.Length > 7 ? mbox[7..] : "";
        var at = address.LastIndexOf('@');
        return "mailto:" + (at < 0 ? address : address[..(at + 1)] + address[(at + 1)..].ToLowerInvariant());
    }

    /// <summary>The keys of an actor and, when it is a Group, of its members: queries match a Group by its members too.</summary>
    public static IEnumerable<string> KeysWithMembers(JToken? actor)
    {
        var key = KeyOf(actor);
        if (key is not null)
        {
            yield return key;
        }

        if (actor is JObject o && o["member"] is JArray members)
        {
            foreach (var m in members)
            {
                var mk = KeyOf(m);
                if (mk is not null)
                {
                    yield return mk;
                }
            }
        }
    }

    /// <summary>An Agent object holding just the IFI of a key, for places that must echo an agent back.</summary>
    public static JObject ToAgent(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var kind = key[..colon];
        var value = key[(colon + 1)..];
        var agent = new JObject { ["objectType"] = "Agent" };
        switch (kind)
        {
            case "mbox":
                agent["mbox"] = value;
                break;
            case "sha1":
                agent["mbox_sha1sum"] = value;
                break;
            case "openid":
                agent["openid"] = value;
                break;
            default:
                var sep = value.IndexOf(Separator, StringComparison.Ordinal);
                agent["account"] = new JObject { ["homePage"] = value[..sep], ["name"] = value[(sep + 1)..] };
                break;
        }

        return agent;
    }
}
