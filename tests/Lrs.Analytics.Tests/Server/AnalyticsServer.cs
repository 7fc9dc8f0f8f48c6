using System.Net.Http.Headers;
using System.Text;
using Lrs.Server.Auth;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Server;

/// <summary>
/// The real server (xAPI, storage, analytics follower) over a temporary data directory. The follower's poll is set to
/// a minute, so statements showing up within the tests' waits prove the store wakes it.
/// </summary>
public sealed class AnalyticsServer : WebApplicationFactory<Program>
{
    public const string Key = "analytics-test";
    public const string Secret = "analytics-test-secret";
    private readonly string _directory;
    private readonly bool _keepDirectory;

    public AnalyticsServer()
        : this(Path.Combine(Path.GetTempPath(), "lrs-analytics-server-" + Guid.NewGuid().ToString("N")), keepDirectory: false)
    {
    }

    private AnalyticsServer(string directory, bool keepDirectory)
    {
        _directory = directory;
        _keepDirectory = keepDirectory;
    }

    /// <summary>A server over a data directory the caller owns (kept after disposal).</summary>
    public static AnalyticsServer Over(string directory) => new(directory, keepDirectory: true);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LRS_DATA_DIR", _directory);
        builder.UseSetting("LRS_BOOTSTRAP_KEY", Key);
        builder.UseSetting("LRS_BOOTSTRAP_SECRET", Secret);
        builder.UseSetting("LRS_ANALYTICS_POLL_SECONDS", "60");
    }

    public HttpClient Client(string key = Key, string secret = Secret, string version = "1.0.3")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        return client;
    }

    /// <summary>A credential with only these scopes.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var key = "k-" + string.Join("-", scopes).Replace('/', '_');
        await Services.GetRequiredService<ICredentialStore>().SaveAsync(
            new Credential(key, SecretHasher.Hash("s3cret"), scopes, key, "default", DateTimeOffset.UtcNow, null), TestContext.Current.CancellationToken);
        return Client(key, "s3cret");
    }

    public static async Task PostAsync(HttpClient client, params JObject[] statements)
    {
        using var response = await client.PostAsync(new Uri("/xapi/statements", UriKind.Relative),
            new StringContent(new JArray(statements.Cast<object>().ToArray()).ToString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>GETs a URL and expects the 400 whose JSON error names the field at fault.</summary>
    public static async Task AssertRefusedAsync(HttpClient client, string url, string field)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(field, (string?)body["error"]!["field"]);
    }

    /// <summary>GETs until the answer satisfies the condition (the projection follows asynchronously), at most 15 s.</summary>
    public static async Task<JObject> EventuallyAsync(HttpClient client, string url, Func<JObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode && condition(JObject.Parse(body)))
            {
                return JObject.Parse(body);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not reach the expected state: {(int)response.StatusCode} {body}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_keepDirectory)
            {
                return;
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection: the temporary directory is left for the OS to clean.
            }
        }
    }
}
