using Lrs.Server.Auth;
using Lrs.Xapi.Query;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>
/// The Agents resource: the Person object for an agent, every identifier and name the LRS knows to be that person.
/// This LRS does not link identities across IFIs, so a Person holds the one IFI asked about and its name.
/// </summary>
public static class AgentsApi
{
    public static RouteGroupBuilder MapAgents(this RouteGroupBuilder xapi)
    {
        xapi.MapMethods("/agents", ["GET", "HEAD"], GetAsync);
        return xapi;
    }

    private static async Task GetAsync(HttpContext context)
    {
        var caller = context.Caller();
        caller.Require(Scopes.All, Scopes.AllRead, Scopes.StatementsRead, Scopes.StatementsReadMine, Scopes.Profile, Scopes.State, Scopes.Define);
        var p = context.Request.Parameters();
        DocumentEndpoints.OnlyParameters(p, "agent");
        if (!p.TryGetValue("agent", out var raw))
        {
            throw new Lrs.Xapi.Errors.BadRequestException("the agent parameter is required", "agent");
        }

        var agent = StatementQueryParser.ParseAgentParameter(raw, "agent", context.Version(), allowGroup: false);
        var person = new JObject { ["objectType"] = "Person" };
        if (agent["name"] is { } name)
        {
            person["name"] = new JArray(name);
        }

        foreach (var ifi in (string[])["mbox", "mbox_sha1sum", "openid", "account"])
        {
            if (agent[ifi] is { } value)
            {
                person[ifi] = new JArray(value);
            }
        }

        StatementResponses.SetLastModified(context.Response, DateTimeOffset.UtcNow);
        await StatementResponses.WriteJsonAsync(context.Response, person.ToString(Newtonsoft.Json.Formatting.None), context.RequestAborted);
    }
}
