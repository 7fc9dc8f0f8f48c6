using System.Net;
using Lrs.Server.Auth;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>
/// Every role on every dashboard endpoint, enforced by the server: admins and managers read everything, learners
/// only who to ask and their own record, Basic credentials keep their read scopes' access, admins alone manage
/// accounts. "Allowed" is anything but 401 and 403 (an unknown topic is a 404 the caller was allowed to get).
/// </summary>
public sealed class RoleAccessTests(RoleAccessTests.Lrs lrs) : IClassFixture<RoleAccessTests.Lrs>
{
    public const string Own = "{own}";
    public const string Other = "{other}";
    private const string Topic = "id=http%3A%2F%2Flms.example.org%2Fcourses%2Faccess";

    private static readonly string[] Analytics =
    [
        "/api/analytics/topics", "/api/analytics/topic?" + Topic, "/api/analytics/weekly", "/api/analytics/handoff?" + Topic,
        "/api/analytics/network?" + Topic, "/api/analytics/unanswered", "/api/analytics/status", "/api/analytics/teams", "/api/analytics/ranking",
        "/api/analytics/questions", "/api/analytics/funnel?" + Topic, "/api/analytics/health-report",
    ];

    private static readonly string[] LearnerOpen = ["/api/analytics/helpers?" + Topic];

    private static readonly string[] OwnRecord = ["/api/analytics/learner?agent=" + Own, "/api/learner/export?agent=" + Own];

    private static readonly string[] OthersRecord = ["/api/analytics/learner?agent=" + Other, "/api/learner/export?agent=" + Other];

    private const string Admin = "/api/admin/users";

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        void Add(string who, IEnumerable<string> paths, int expected)
        {
            foreach (var path in paths)
            {
                data.Add(who, path, expected);
            }
        }

        var everything = Analytics.Concat(LearnerOpen).Concat(OwnRecord).Concat(OthersRecord).ToArray();
        Add("admin", everything.Append(Admin), 200);
        Add("manager", everything, 200);
        Add("manager", [Admin], 403);
        Add("learner", LearnerOpen.Concat(OwnRecord), 200);
        Add("learner", Analytics.Concat(OthersRecord).Append(Admin), 403);
        Add("basic all", everything, 200);
        Add("basic statements/read", everything, 200);
        Add("basic all/read", everything, 200);
        Add("basic all", [Admin], 403);
        Add("basic statements/write", everything.Append(Admin), 403);
        Add("nobody", everything.Append(Admin), 401);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_what_it_may_read_and_403_for_the_rest(string who, string path, int expected)
    {
        var client = await lrs.ClientAsync(who);

        using var response = await client.GetResponseAsync(path.Replace(Own, XapiHttp.Q(lrs.LearnerAgent), StringComparison.Ordinal)
            .Replace(Other, XapiHttp.Q(Statements.Agent(Statements.NewMbox())), StringComparison.Ordinal));

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (expected == 200)
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{who} {path}: {(int)response.StatusCode} {body}");
        }
        else
        {
            Assert.True((int)response.StatusCode == expected, $"{who} {path}: expected {expected}, got {(int)response.StatusCode} {body}");
            Assert.NotNull(XapiHttp.Parse(body)["error"]?["message"]);
        }
    }

    /// <summary>The dashboard LRS with one signed-in client per role, made once for all cases (sign-in is deliberately slow).</summary>
    public sealed class Lrs : DashboardLrs
    {
        private readonly Dictionary<string, Task<HttpClient>> _clients = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public JObject LearnerAgent { get; } = Statements.Agent(Statements.NewMbox());

        public Task<HttpClient> ClientAsync(string who)
        {
            lock (_lock)
            {
                if (!_clients.TryGetValue(who, out var client))
                {
                    _clients[who] = client = CreateAsync(who);
                }

                return client;
            }
        }

        private async Task<HttpClient> CreateAsync(string who)
        {
            switch (who)
            {
                case "admin":
                    return await SignedInAsync(AdminEmail, AdminPassword);
                case "manager":
                    return (await SignedInAsAsync(DashboardRoles.Manager)).Client;
                case "learner":
                    var email = "learner-" + Guid.NewGuid().ToString("N")[..10] + "@test.example";
                    var admin = await ClientAsync("admin");
                    using (var created = await admin.PostJsonAsync("/api/admin/users", new JObject
                    {
                        ["email"] = email, ["name"] = "L", ["role"] = "learner", ["password"] = Password, ["agent"] = LearnerAgent,
                    }))
                    {
                        await created.OkJsonAsync(HttpStatusCode.Created);
                    }

                    return await SignedInAsync(email);
                case "nobody":
                    return Anonymous(version: null);
                default:
                    return await ClientWithScopesAsync(who["basic ".Length..]);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                (await client).Dispose();
            }

            await base.DisposeAsync();
        }
    }
}
