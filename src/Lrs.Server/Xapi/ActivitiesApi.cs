using Lrs.Server.Auth;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Xapi;

/// <summary>
/// The Activities resource: the canonical definition of an activity, merged from the statements that defined it.
/// An activity never seen still gets an Activity object with its id (2.0 requires an answer for any IRI).
/// </summary>
public static class ActivitiesApi
{
    public static RouteGroupBuilder MapActivities(this RouteGroupBuilder xapi)
    {
        xapi.MapMethods("/activities", ["GET", "HEAD"], GetAsync);
        return xapi;
    }

    private static async Task GetAsync(HttpContext context, IStatementStore store)
    {
        var caller = context.Caller();
        caller.Require(Scopes.All, Scopes.AllRead, Scopes.StatementsRead, Scopes.StatementsReadMine, Scopes.Define, Scopes.Profile, Scopes.State);
        var p = context.Request.Parameters();
        DocumentEndpoints.OnlyParameters(p, "activityId");
        var activityId = DocumentEndpoints.RequiredIri(p, "activityId");
        var definition = await store.GetActivityDefinitionAsync(caller.StoreId, activityId, context.RequestAborted);
        var activity = ActivityDefinitions.ToActivity(activityId, definition);
        StatementResponses.SetLastModified(context.Response, DateTimeOffset.UtcNow);
        await StatementResponses.WriteJsonAsync(context.Response, XapiJson.Serialize(activity), context.RequestAborted);
    }
}
