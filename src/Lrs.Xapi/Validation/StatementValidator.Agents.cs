using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Validation;

/// <summary>Agents, Groups, accounts and inverse functional identifiers.</summary>
public sealed partial class StatementValidator
{
    private void Actor(JToken token, string name)
    {
        _path.Push(name);
        var o = RequireObject(token, null, "must be an Agent or Group object");
        switch (OptionalString(o, "objectType"))
        {
            case null or "Agent":
                Agent(o);
                break;
            case "Group":
                Group(o);
                break;
            default:
                Fail("objectType", "must be Agent or Group");
                break;
        }

        _path.Pop();
    }

    private void Agent(JObject o)
    {
        OnlyProperties(o, "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
        Optional(o, "name", JTokenType.String, "must be a string");
        if (Ifis(o) != 1)
        {
            Fail(null, "an Agent must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)");
        }
    }

    private void Group(JObject o)
    {
        OnlyProperties(o, "objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account");
        Optional(o, "name", JTokenType.String, "must be a string");
        var ifis = Ifis(o);
        if (ifis > 1)
        {
            Fail(null, "a Group must not have more than one inverse functional identifier");
        }

        if (o.TryGetValue("member", out var member))
        {
            Members(member);
        }
        else if (ifis == 0)
        {
            Fail("member", "an anonymous Group (one without an inverse functional identifier) must list its members");
        }
    }

    private void Members(JToken token)
    {
        _path.Push("member");
        var members = token as JArray ?? throw Error(null, "must be an array of Agents");
        for (var i = 0; i < members.Count; i++)
        {
            _path.Push(i);
            var m = RequireObject(members[i], null, "a member must be an Agent object");
            var type = OptionalString(m, "objectType");
            if (type is not (null or "Agent"))
            {
                Fail("objectType", "a Group's members must be Agents");
            }

            Agent(m);
            _path.Pop();
        }

        _path.Pop();
    }

    /// <summary>Validates whichever IFIs are present and returns how many there are.</summary>
    private int Ifis(JObject o)
    {
        var count = 0;
        if (o.TryGetValue("mbox", out var mbox))
        {
            count++;
            if (!Formats.IsMailto(StringValue(mbox, "mbox")))
            {
                Fail("mbox", "must be a mailto IRI (mailto:name@example.com)");
            }
        }

        if (o.TryGetValue("mbox_sha1sum", out var sha1))
        {
            count++;
            if (!Formats.IsSha1Hex(StringValue(sha1, "mbox_sha1sum")))
            {
                Fail("mbox_sha1sum", "must be the 40 hex digit SHA-1 of a mailto IRI");
            }
        }

        if (o.TryGetValue("openid", out var openid))
        {
            count++;
            Iri(openid, "openid");
        }

        if (o.TryGetValue("account", out var account))
        {
            count++;
            Account(account);
        }

        return count;
    }

    private void Account(JToken token)
    {
        _path.Push("account");
        var a = RequireObject(token, null, "must be an object with homePage and name");
        OnlyProperties(a, "homePage", "name");
        if (!Formats.IsIrl(StringValue(Required(a, "homePage"), "homePage")))
        {
            Fail("homePage", "must be an IRL");
        }

        StringValue(Required(a, "name"), "name");
        _path.Pop();
    }

    /// <summary>
    /// An authority is an Agent, or (OAuth three-legged) a Group of exactly two Agents: the application and the user.
    /// </summary>
    private void Authority(JToken token)
    {
        Actor(token, "authority");
        if (token is JObject o && OptionalString(o, "objectType") == "Group")
        {
            _path.Push("authority");
            if (Ifis(o) != 0)
            {
                Fail(null, "an authority Group (OAuth: application and user) must be anonymous, without an inverse functional identifier");
            }

            if (o["member"] is not JArray { Count: 2 })
            {
                Fail("member", "an authority Group must have exactly two members");
            }

            _path.Pop();
        }
    }
}
