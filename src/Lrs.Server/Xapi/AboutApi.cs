using Lrs.Xapi;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>The About resource: which xAPI versions this LRS serves. Open to anyone, no version header needed.</summary>
public static class AboutApi
{
    public static IEndpointConventionBuilder MapAbout(this RouteGroupBuilder xapi) =>
        xapi.MapMethods("/about", ["GET", "HEAD"], async (HttpContext context) =>
        {
            var about = new JObject
            {
                ["version"] = new JArray(XapiVersions.Supported),
                ["extensions"] = new JObject
                {
                    ["urn:x-lrs:about:product"] = "xAPI LRS with a social-learning dashboard",
                },
            };
            StatementResponses.SetLastModified(context.Response, DateTimeOffset.UtcNow);
            await StatementResponses.WriteJsonAsync(context.Response, about.ToString(Newtonsoft.Json.Formatting.None), context.RequestAborted);
        }).AllowAnonymous();
}
