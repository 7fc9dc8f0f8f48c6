using Lrs.Xapi.Storage;

namespace Lrs.Server.Xapi;

/// <summary>The Agent Profile resource: documents about an agent, shared by all activities.</summary>
public static class AgentProfileApi
{
    public static RouteGroupBuilder MapAgentProfile(this RouteGroupBuilder xapi)
    {
        ProfileEndpoints.Map(xapi, "/agents/profile", "agent",
            (context, p) => DocumentScope.AgentProfile(DocumentEndpoints.RequiredAgent(p, context.Version())));
        return xapi;
    }
}
