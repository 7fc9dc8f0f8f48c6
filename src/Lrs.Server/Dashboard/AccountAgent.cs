using System.Text.Json.Nodes;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Query;

namespace Lrs.Server.Dashboard;

/// <summary>The xAPI Agent an account reads the record of: validated as the xAPI validates an agent parameter.</summary>
public sealed record AccountAgent(string Json, string Key)
{
    /// <summary>A learner created without an agent is recorded under their email, as most LMSs record people.</summary>
    public static AccountAgent? Default(string role, string email) =>
        role == Auth.DashboardRoles.Learner
            ? Of(XapiJson.Serialize(new Newtonsoft.Json.Linq.JObject { ["objectType"] = "Agent", ["mbox"] = "mailto:" + email }))
            : null;

    public static bool TryParse(JsonNode node, out AccountAgent? agent, out IResult? error)
    {
        agent = null;
        error = null;
        try
        {
            agent = Of(node.ToJsonString());
            return true;
        }
        catch (XapiException e)
        {
            error = ApiJson.Bad("agent", e.Message);
            return false;
        }
    }

    /// <summary>Parses and validates; throws the xAPI's 400 naming what is wrong.</summary>
    public static AccountAgent Of(string json)
    {
        var parsed = StatementQueryParser.ParseAgentParameter(json, "agent", XapiVersion.V200, allowGroup: false);
        return new AccountAgent(XapiJson.Serialize(parsed), Ifi.KeyOf(parsed)!);
    }
}
