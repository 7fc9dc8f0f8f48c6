using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests;

/// <summary>The error body every refusal carries: {"error": {code, message, field, rule}}.</summary>
public sealed record XapiError(string Code, string Message, string? Field, string? Rule)
{
    /// <summary>Asserts the status and reads the error body; the body must name what failed.</summary>
    public static async Task<XapiError> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        var error = JObject.Parse(text)["error"] as JObject;
        Assert.True(error is not null, "no error object in: " + text);
        var result = new XapiError((string)error["code"]!, (string)error["message"]!, (string?)error["field"], (string?)error["rule"]);
        Assert.False(string.IsNullOrWhiteSpace(result.Message), "the error has no message: " + text);
        return result;
    }

    /// <summary>A 400 for a field of a statement: names the JSON path and the rule it breaks.</summary>
    public static async Task<XapiError> InvalidAsync(HttpResponseMessage response, string field)
    {
        var error = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Rule), $"no rule for {field}: {error.Message}");
        return error;
    }
}
