using Lrs.Server.Auth;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;

namespace Lrs.Server.Xapi;

/// <summary>The State resource: documents an activity keeps about an agent, optionally per registration.</summary>
public static class StateApi
{
    public static RouteGroupBuilder MapState(this RouteGroupBuilder xapi)
    {
        xapi.MapMethods("/activities/state", ["GET", "HEAD"], GetAsync);
        xapi.MapPut("/activities/state", PutAsync);
        xapi.MapPost("/activities/state", PostAsync);
        xapi.MapDelete("/activities/state", DeleteAsync);
        return xapi;
    }

    private sealed record StateRequest(string StoreId, DocumentScope Scope, string? StateId, DateTimeOffset? Since);

    private static StateRequest Read(HttpContext context, bool write)
    {
        var caller = context.Caller();
        caller.RequireDocumentAccess(Scopes.State, write);

        var p = context.Request.Parameters();
        DocumentEndpoints.OnlyParameters(p, "activityId", "agent", "registration", "stateId", "since");
        var activityId = DocumentEndpoints.RequiredIri(p, "activityId");
        var agent = DocumentEndpoints.RequiredAgent(p, context.Version());
        Guid? registration = null;
        if (p.TryGetValue("registration", out var r))
        {
            registration = Formats.TryParseUuid(r, out var g) ? g : throw new BadRequestException("registration must be a UUID", "registration");
        }

        p.TryGetValue("stateId", out var stateId);
        return new StateRequest(caller.StoreId, DocumentScope.State(activityId, agent, registration), stateId, DocumentEndpoints.Since(p));
    }

    private static string RequireId(StateRequest request) =>
        request.StateId ?? throw new BadRequestException("the stateId parameter is required", "stateId");

    private static Task GetAsync(HttpContext context, IDocumentStore documents)
    {
        var r = Read(context, write: false);
        return DocumentEndpoints.GetAsync(context, documents, r.StoreId, r.Scope, r.StateId, r.Since);
    }

    private static Task<IResult> PutAsync(HttpContext context, IDocumentStore documents)
    {
        var r = Read(context, write: true);
        // 1.0.3 let State writes go without ETags; 2.0 holds State to the same concurrency rule as profiles.
        var rule = context.Version() == XapiVersion.V200 ? DocumentEndpoints.PutRule.ConflictIfExists : DocumentEndpoints.PutRule.Free;
        return DocumentEndpoints.PutAsync(context, documents, r.StoreId, r.Scope, RequireId(r), rule);
    }

    private static Task<IResult> PostAsync(HttpContext context, IDocumentStore documents)
    {
        var r = Read(context, write: true);
        return DocumentEndpoints.PostAsync(context, documents, r.StoreId, r.Scope, RequireId(r));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IDocumentStore documents)
    {
        var r = Read(context, write: true);
        if (r.StateId is not null)
        {
            return await DocumentEndpoints.DeleteAsync(context, documents, r.StoreId, r.Scope, r.StateId);
        }

        await documents.DeleteAllAsync(r.StoreId, r.Scope, context.RequestAborted);
        return Results.NoContent();
    }
}
