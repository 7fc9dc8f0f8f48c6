using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>GET /statements filters, order, page size and formats. Each test works in its own registration.</summary>
public sealed class StatementQueryTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private static JObject InRegistration(JObject statement, Guid registration)
    {
        statement["context"] = new JObject { ["registration"] = registration.ToString("D") };
        return statement;
    }

    [Fact]
    public async Task The_agent_filter_returns_the_statements_whose_actor_or_object_is_that_agent()
    {
        var activity = Statements.NewActivity();
        var alice = Statements.NewMbox();
        var asActor = Statements.Make(activity, alice);
        var asObject = Statements.Make(activity);
        asObject["object"] = Statements.Agent(alice);
        var ids = await _client.StoreAsync(asActor, asObject, Statements.Make(activity, Statements.NewMbox()));

        var found = await _client.QueryIdsAsync("agent=" + XapiHttp.Q(Statements.Agent(alice)));

        Assert.Equal(ids.Take(2).ToHashSet(), found.ToHashSet());
    }

    [Fact]
    public async Task The_verb_filter_returns_only_statements_with_that_verb()
    {
        var registration = Guid.NewGuid();
        var activity = Statements.NewActivity();
        var ids = await _client.StoreAsync(
            InRegistration(Statements.Make(activity, verb: Statements.Completed), registration),
            InRegistration(Statements.Make(activity), registration));

        var found = await _client.QueryIdsAsync($"registration={registration}&verb={XapiHttp.Q(Statements.Completed)}");

        Assert.Equal([ids[0]], found);
    }

    [Fact]
    public async Task The_activity_filter_returns_only_statements_about_that_activity()
    {
        var registration = Guid.NewGuid();
        var activity = Statements.NewActivity();
        var ids = await _client.StoreAsync(
            InRegistration(Statements.Make(activity), registration),
            InRegistration(Statements.Make(Statements.NewActivity()), registration));

        Assert.Equal([ids[0]], await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
        Assert.Equal(2, (await _client.QueryIdsAsync($"registration={registration}")).Count);
    }

    [Fact]
    public async Task The_registration_filter_returns_only_statements_of_that_registration()
    {
        var registration = Guid.NewGuid();
        var activity = Statements.NewActivity();
        var ids = await _client.StoreAsync(
            InRegistration(Statements.Make(activity), registration),
            InRegistration(Statements.Make(activity), Guid.NewGuid()),
            Statements.Make(activity));

        Assert.Equal([ids[0]], await _client.QueryIdsAsync($"registration={registration}"));
    }

    [Fact]
    public async Task An_instructor_matches_the_agent_filter_only_with_related_agents()
    {
        var registration = Guid.NewGuid();
        var instructor = Statements.NewMbox();
        var statement = InRegistration(Statements.Make(Statements.NewActivity()), registration);
        statement["context"]!["instructor"] = Statements.Agent(instructor);
        var ids = await _client.StoreAsync(statement);
        var agent = XapiHttp.Q(Statements.Agent(instructor));

        Assert.Empty(await _client.QueryIdsAsync($"agent={agent}"));
        Assert.Equal(ids, await _client.QueryIdsAsync($"agent={agent}&related_agents=true"));
    }

    [Fact]
    public async Task A_parent_activity_matches_the_activity_filter_only_with_related_activities()
    {
        var parent = Statements.NewActivity();
        var statement = Statements.Make(Statements.NewActivity());
        statement["context"] = new JObject
        {
            ["contextActivities"] = new JObject { ["parent"] = new JArray(new JObject { ["id"] = parent }) },
        };
        var ids = await _client.StoreAsync(statement);

        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(parent)));
        Assert.Equal(ids, await _client.QueryIdsAsync("activity=" + XapiHttp.Q(parent) + "&related_activities=true"));
    }

    [Fact]
    public async Task Since_returns_what_was_stored_after_it_and_until_what_was_stored_up_to_it()
    {
        var registration = Guid.NewGuid();
        var activity = Statements.NewActivity();
        var first = (await _client.StoreAsync(InRegistration(Statements.Make(activity), registration)))[0];
        var stored = (string)(await _client.GetStatementAsync(first))["stored"]!;
        // The store stamps at millisecond precision: step past the first statement's millisecond.
        await Task.Delay(5, TestContext.Current.CancellationToken);
        var second = (await _client.StoreAsync(InRegistration(Statements.Make(activity), registration)))[0];

        Assert.Equal([second], await _client.QueryIdsAsync($"registration={registration}&since={XapiHttp.Q(stored)}"));
        Assert.Equal([first], await _client.QueryIdsAsync($"registration={registration}&until={XapiHttp.Q(stored)}"));
    }

    [Fact]
    public async Task Statements_come_newest_first_unless_ascending_and_limit_bounds_the_page()
    {
        var registration = Guid.NewGuid();
        var activity = Statements.NewActivity();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.AddRange(await _client.StoreAsync(InRegistration(Statements.Make(activity), registration)));
        }

        var newestFirst = await _client.QueryAsync($"registration={registration}&limit=2");
        var oldestFirst = await _client.QueryIdsAsync($"registration={registration}&ascending=true");

        Assert.Equal([ids[2], ids[1]], ((JArray)newestFirst["statements"]!).Select(s => Guid.Parse((string)s["id"]!)));
        Assert.StartsWith("/xapi/statements?more=", (string?)newestFirst["more"], StringComparison.Ordinal);
        Assert.Equal(ids, oldestFirst);
    }

    [Fact]
    public async Task The_last_page_has_an_empty_more()
    {
        var registration = Guid.NewGuid();
        await _client.StoreAsync(InRegistration(Statements.Make(Statements.NewActivity()), registration));

        var page = await _client.QueryAsync($"registration={registration}&limit=5");

        Assert.Equal("", (string?)page["more"]);
    }

    private static JObject Described(string activity)
    {
        var statement = Statements.Make(activity, Statements.NewMbox());
        statement["verb"]!["display"] = new JObject { ["en-US"] = "experienced", ["fr-FR"] = "a vécu" };
        statement["object"]!["definition"] = new JObject
        {
            ["name"] = new JObject { ["en-US"] = "A lesson", ["fr-FR"] = "Une leçon" },
            ["type"] = "http://adlnet.gov/expapi/activities/lesson",
        };
        return statement;
    }

    [Fact]
    public async Task Format_ids_keeps_only_identifiers_of_agents_verbs_and_activities()
    {
        var id = (await _client.StoreAsync(Described(Statements.NewActivity())))[0];

        var statement = await _client.GetStatementAsync(id, "&format=ids");

        Assert.Null(statement["actor"]!["name"]);
        Assert.NotNull(statement["actor"]!["mbox"]);
        Assert.Equal(["id"], ((JObject)statement["verb"]!).Properties().Select(p => p.Name));
        Assert.Equal(["id"], ((JObject)statement["object"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task Format_exact_returns_every_language_and_canonical_the_one_asked_for_in_Accept_Language()
    {
        var id = (await _client.StoreAsync(Described(Statements.NewActivity())))[0];

        var exact = await _client.GetStatementAsync(id, "&format=exact");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}&format=canonical");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR, en;q=0.5");
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var canonical = (JObject)await response.ReadJsonAsync();

        Assert.Equal(2, ((JObject)exact["verb"]!["display"]!).Count);
        Assert.Equal(new JObject { ["fr-FR"] = "a vécu" }, canonical["verb"]!["display"]);
        Assert.Equal(new JObject { ["fr-FR"] = "Une leçon" }, canonical["object"]!["definition"]!["name"]);
    }

    [Fact]
    public async Task Every_GET_statements_response_carries_X_Experience_API_Consistent_Through()
    {
        var id = (await _client.StoreAsync(Statements.Make(Statements.NewActivity())))[0];

        foreach (var (uri, status) in new[]
        {
            ($"/xapi/statements?statementId={id}", HttpStatusCode.OK),
            ("/xapi/statements?limit=1", HttpStatusCode.OK),
            ($"/xapi/statements?statementId={Guid.NewGuid()}", HttpStatusCode.NotFound),
            ("/xapi/statements?limit=many", HttpStatusCode.BadRequest),
        })
        {
            using var response = await _client.GetResponseAsync(uri);
            Assert.Equal(status, response.StatusCode);
            var header = Assert.Single(response.Headers.GetValues("X-Experience-API-Consistent-Through"));
            Assert.True(DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"{uri}: {header}");
        }
    }

    [Fact]
    public async Task GET_statements_under_2_0_carries_Last_Modified()
    {
        var id = (await _client.StoreAsync(Statements.Make(Statements.NewActivity())))[0];
        var stored = DateTimeOffset.Parse((string)(await _client.GetStatementAsync(id))["stored"]!, CultureInfo.InvariantCulture);

        using var single = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
        using var query = await _client.GetResponseAsync("/xapi/statements?limit=1");

        Assert.Equal(stored.ToUnixTimeSeconds(), single.Content.Headers.LastModified?.ToUnixTimeSeconds());
        Assert.NotNull(query.Content.Headers.LastModified);
    }
}
