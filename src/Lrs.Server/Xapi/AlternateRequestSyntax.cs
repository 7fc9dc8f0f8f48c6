using System.Text;
using Lrs.Xapi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Lrs.Server.Xapi;

/// <summary>
/// xAPI 1.0.3's alternate request syntax (Communication 1.3) for clients that can only POST forms: the real method is
/// in ?method=, headers and query parameters travel as form fields, the body in "content". The request is rewritten
/// into its ordinary form before anything else sees it. 2.0 removed the syntax, so a 2.0 request using it gets 400.
/// </summary>
public sealed class AlternateRequestSyntax(RequestDelegate next)
{
    private static readonly HashSet<string> HeaderFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Experience-API-Version", "Content-Type", "Content-Length", "If-Match", "If-None-Match",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Query.ContainsKey("method"))
        {
            await next(context);
            return;
        }

        var error = await RewriteAsync(context);
        if (error is not null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(XapiErrors.Body("bad-request", error, "method"));
            return;
        }

        await next(context);
    }

    /// <summary>Rewrites the request in place; returns why it cannot be, or null.</summary>
    private static async Task<string?> RewriteAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Query["method"].ToString().ToUpperInvariant();
        if (method is not ("GET" or "PUT" or "POST" or "DELETE" or "HEAD"))
        {
            return $"method '{method}' is not an xAPI method";
        }

        if (request.Query.Count > 1)
        {
            return "the alternate request syntax allows no query parameter other than 'method'; send the others as form fields";
        }

        if (!request.HasFormContentType)
        {
            return "the alternate request syntax needs a body of Content-Type application/x-www-form-urlencoded";
        }

        var form = await request.ReadFormAsync(context.RequestAborted);
        var version = form.TryGetValue(XapiVersions.Header, out var v) ? v.ToString() : request.Headers[XapiVersions.Header].ToString();
        if (XapiVersions.TryParseHeader(version, out var parsed) && parsed == XapiVersion.V200)
        {
            return "xAPI 2.0 removed the alternate request syntax";
        }

        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        string? content = null;
        foreach (var (name, value) in form)
        {
            if (name.Equals("content", StringComparison.Ordinal))
            {
                content = value.ToString();
            }
            else if (HeaderFields.Contains(name))
            {
                request.Headers[name] = value;
            }
            else
            {
                query[name] = value;
            }
        }

        request.Method = method;
        request.QueryString = QueryString.Create(query);
        request.Query = new QueryCollection(query);
        var body = Encoding.UTF8.GetBytes(content ?? "");
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        if (!form.ContainsKey("Content-Type"))
        {
            request.ContentType = content is null ? null : "application/json";
        }

        // The form was read from the original body; forget it so nothing parses the new body as a form.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        return null;
    }
}
