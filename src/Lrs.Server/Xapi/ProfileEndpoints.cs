using Lrs.Server.Auth;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Xapi;

/// <summary>
/// The Activity Profile and Agent Profile resources differ only in what names the scope (an activityId or an agent);
/// both need the profile scope and follow the same concurrency rules.
/// </summary>
internal static class ProfileEndpoints
{
    private sealed record ProfileRequest(string StoreId, DocumentScope Scope, string? ProfileId, DateTimeOffset? Since);

    /// <summary>Maps GET/HEAD, PUT, POST and DELETE at <paramref name="path"/>; <paramref name="scopeOf"/> reads the resource's own parameter.</summary>
    public static void Map(RouteGroupBuilder xapi, string path, string scopeParameter, Func<HttpContext, Dictionary<string, string>, DocumentScope> scopeOf)
    {
        ProfileRequest Read(HttpContext context, bool write)
        {
            var caller = context.Caller();
            caller.RequireDocumentAccess(Scopes.Profile, write);

            var p = context.Request.Parameters();
            DocumentEndpoints.OnlyParameters(p, scopeParameter, "profileId", "since");
            p.TryGetValue("profileId", out var profileId);
            return new ProfileRequest(caller.StoreId, scopeOf(context, p), profileId, DocumentEndpoints.Since(p));
        }

        static string RequireId(ProfileRequest request) =>
            request.ProfileId ?? throw new BadRequestException("the profileId parameter is required", "profileId");

        xapi.MapMethods(path, ["GET", "HEAD"], (HttpContext context, IDocumentStore documents) =>
        {
            var r = Read(context, write: false);
            return DocumentEndpoints.GetAsync(context, documents, r.StoreId, r.Scope, r.ProfileId, r.Since);
        });
        xapi.MapPut(path, (HttpContext context, IDocumentStore documents) =>
        {
            var r = Read(context, write: true);
            var rule = context.Version() == XapiVersion.V200 ? DocumentEndpoints.PutRule.ConflictIfExists : DocumentEndpoints.PutRule.RequireHeader;
            return DocumentEndpoints.PutAsync(context, documents, r.StoreId, r.Scope, RequireId(r), rule);
        });
        xapi.MapPost(path, (HttpContext context, IDocumentStore documents) =>
        {
            var r = Read(context, write: true);
            return DocumentEndpoints.PostAsync(context, documents, r.StoreId, r.Scope, RequireId(r));
        });
        xapi.MapDelete(path, (HttpContext context, IDocumentStore documents) =>
        {
            var r = Read(context, write: true);
            return DocumentEndpoints.DeleteAsync(context, documents, r.StoreId, r.Scope, RequireId(r));
        });
    }
}
