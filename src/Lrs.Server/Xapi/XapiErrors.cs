using Lrs.Xapi.Errors;

namespace Lrs.Server.Xapi;

/// <summary>
/// The one place failures become responses: every <see cref="XapiException"/> gets its status and a JSON body
/// naming the field and the rule; an oversized body gets 413; anything else is our bug, logged, and a 500.
/// </summary>
public sealed class XapiErrors(RequestDelegate next, ILogger<XapiErrors> logger)
{
    public static object Body(string code, string message, string? field = null, string? rule = null) =>
        new { error = new { code, message, field, rule } };

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (XapiException e)
        {
            var (field, rule) = e switch
            {
                ValidationException v => (v.Path, v.Rule),
                BadRequestException b => (b.Parameter, null),
                _ => ((string?)null, (string?)null),
            };
            await WriteAsync(context, e.StatusCode, Body(e.Code, e.Message, field, rule));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteAsync(context, 413, Body("too-large", "the request body is larger than this LRS accepts"));
        }
        catch (BadHttpRequestException e)
        {
            await WriteAsync(context, e.StatusCode, Body("bad-request", e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, 500, Body("internal", "the LRS failed to handle this request; it has been logged"));
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body);
    }
}
