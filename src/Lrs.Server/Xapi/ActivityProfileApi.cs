using Lrs.Xapi.Storage;

namespace Lrs.Server.Xapi;

/// <summary>The Activity Profile resource: documents about an activity, shared by all agents.</summary>
public static class ActivityProfileApi
{
    public static RouteGroupBuilder MapActivityProfile(this RouteGroupBuilder xapi)
    {
        ProfileEndpoints.Map(xapi, "/activities/profile", "activityId",
            (_, p) => DocumentScope.ActivityProfile(DocumentEndpoints.RequiredIri(p, "activityId")));
        return xapi;
    }
}
