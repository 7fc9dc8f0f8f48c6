using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests;

/// <summary>The requests the tests make again and again, and reading their answers.</summary>
public static class XapiHttp
{
    public static StringContent Json(JToken body) => Json(body.ToString(Newtonsoft.Json.Formatting.None));

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostStatementsAsync(this HttpClient client, JToken body) =>
        client.PostAsync("/xapi/statements", Json(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutStatementAsync(this HttpClient client, Guid id, JToken body) =>
        client.PutAsync($"/xapi/statements?statementId={id}", Json(body), TestContext.Current.CancellationToken);

    /// <summary>GET under the test's cancellation token.</summary>
    public static Task<HttpResponseMessage> GetResponseAsync(this HttpClient client, string uri) =>
        client.GetAsync(uri, TestContext.Current.CancellationToken);

    /// <summary>Posts and insists on 200; returns the ids the LRS acknowledged.</summary>
    public static async Task<List<Guid>> StoreAsync(this HttpClient client, params JObject[] statements)
    {
        using var response = await client.PostStatementsAsync(new JArray(statements.Cast<object>().ToArray()));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST statements: {(int)response.StatusCode} {body}");
        return ((JArray)Parse(body)).Select(t => Guid.Parse((string)t!)).ToList();
    }

    /// <summary>GETs a statements query and returns the statement objects (insisting on 200).</summary>
    public static async Task<JObject> QueryAsync(this HttpClient client, string query)
    {
        using var response = await client.GetResponseAsync("/xapi/statements?" + query);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET statements?{query}: {(int)response.StatusCode} {body}");
        return (JObject)Parse(body);
    }

    public static async Task<List<Guid>> QueryIdsAsync(this HttpClient client, string query) =>
        ((JArray)(await client.QueryAsync(query))["statements"]!).Select(s => Guid.Parse((string)s["id"]!)).ToList();

    /// <summary>GETs one statement by id (insisting on 200).</summary>
    public static async Task<JObject> GetStatementAsync(this HttpClient client, Guid id, string extra = "")
    {
        using var response = await client.GetResponseAsync($"/xapi/statements?statementId={id}{extra}");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET statement {id}: {(int)response.StatusCode} {body}");
        return (JObject)Parse(body);
    }

    public static async Task<JToken> ReadJsonAsync(this HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Parses JSON keeping timestamps as the strings the LRS sent (Json.NET would turn them into dates).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static string Q(JToken value) => Uri.EscapeDataString(value.ToString(Newtonsoft.Json.Formatting.None));
}
