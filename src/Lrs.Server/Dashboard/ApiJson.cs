using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Server.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lrs.Server.Dashboard;

/// <summary>Reading the dashboard API's JSON bodies so that every mistake is a 4xx naming the field and the rule.</summary>
public static class ApiJson
{
    /// <summary>The body as a JSON object, or the error to answer: 415 unless JSON, 400 unless one object.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, IReadOnlySet<string> allowed)
    {
        // Only JSON bodies: a cross-site HTML form cannot send one without a CORS preflight.
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Json(Error("unsupported_media_type", "the body must be JSON (Content-Type: application/json)", "body"),
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, Bad("body", "the body is not valid JSON: " + e.Message));
        }

        if (node is not JsonObject body)
        {
            return (null, Bad("body", "the body must be a JSON object"));
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            return (null, Bad(unknown, $"'{unknown}' is not a field here (allowed: {string.Join(", ", allowed)})"));
        }

        return (body, null);
    }

    /// <summary>A string field: absent or null gives null; any other non-string is an error.</summary>
    public static bool TryString(JsonObject body, string field, out string? value, out IResult? error)
    {
        value = null;
        error = null;
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue(out string? s))
        {
            value = s;
            return true;
        }

        error = Bad(field, $"{field} must be a string");
        return false;
    }

    public static ApiError Error(string code, string message, string? field) => new(new ErrorBody(code, message, field));

    public static BadRequest<ApiError> Bad(string field, string message) => TypedResults.BadRequest(Error("bad_request", message, field));
}
