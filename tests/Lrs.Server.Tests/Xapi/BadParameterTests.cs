using System.Net;

namespace Lrs.Server.Tests.Xapi;

/// <summary>Parameters a resource does not define, or values it cannot read, get 400 naming the parameter.</summary>
public sealed class BadParameterTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private static string State => DocumentResource.Fresh(DocumentResource.State).Document("doc");

    [Theory]
    [InlineData("/xapi/statements?limit=1&shoe_size=42", "shoe_size")]
    [InlineData("/xapi/statements?agent=mailto:learner@example.com", "agent")]
    [InlineData("/xapi/statements?agent=%7B%22mbox%22%3A%22learner%40example.com%22%7D", "agent")]
    [InlineData("/xapi/statements?verb=completed", "verb")]
    [InlineData("/xapi/statements?activity=not%20an%20iri", "activity")]
    [InlineData("/xapi/statements?registration=42", "registration")]
    [InlineData("/xapi/statements?since=last%20week", "since")]
    [InlineData("/xapi/statements?until=2024-02-30T00:00:00Z", "until")]
    [InlineData("/xapi/statements?limit=-1", "limit")]
    [InlineData("/xapi/statements?format=xml", "format")]
    [InlineData("/xapi/statements?ascending=yes", "ascending")]
    [InlineData("/xapi/statements?related_agents=1", "related_agents")]
    [InlineData("/xapi/statements?statementId=nope", "statementId")]
    [InlineData("/xapi/statements?statementId=0f8fad5b-d9cb-469f-a165-70867728950e&verb=http%3A%2F%2Fexample.com%2Fv", "verb")]
    [InlineData("/xapi/statements?limit=1&limit=2", "limit")]
    [InlineData("/xapi/activities/state?activityId=http%3A%2F%2Fexample.com%2Fa&stateId=s", "agent")]
    [InlineData("/xapi/activities/state?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&stateId=s", "activityId")]
    [InlineData("/xapi/activities/profile?activityId=http%3A%2F%2Fexample.com%2Fa&colour=red", "colour")]
    [InlineData("/xapi/activities/profile?activityId=http%3A%2F%2Fexample.com%2Fa&since=soon", "since")]
    [InlineData("/xapi/agents/profile?agent=%7B%7D", "agent")]
    [InlineData("/xapi/activities?activityId=nope", "activityId")]
    [InlineData("/xapi/agents?agent=nope", "agent")]
    public async Task A_GET_with_an_unknown_or_unreadable_parameter_gets_400_naming_it(string uri, string parameter)
    {
        using var response = await _client.GetResponseAsync(uri);

        var error = await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(parameter, error.Field?.Split('.')[0]);
    }

    [Fact]
    public async Task A_GET_statements_with_a_bad_parameter_still_says_how_consistent_it_is()
    {
        using var response = await _client.GetResponseAsync("/xapi/statements?shoe_size=42");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(response.Headers.GetValues("X-Experience-API-Consistent-Through"));
    }

    [Fact]
    public async Task Writes_with_unknown_parameters_get_400_naming_them()
    {
        var statement = Statements.Make(Statements.NewActivity());

        using var post = await _client.PostAsync("/xapi/statements?shoe_size=42", XapiHttp.Json(statement), TestContext.Current.CancellationToken);
        using var put = await _client.PutAsync($"/xapi/statements?statementId={Guid.NewGuid()}&shoe_size=42", XapiHttp.Json(statement), TestContext.Current.CancellationToken);
        using var putNoId = await _client.PutAsync("/xapi/statements", XapiHttp.Json(statement), TestContext.Current.CancellationToken);
        using var state = await _client.PutAsync(State + "&shoe_size=42", XapiHttp.Json("{}"), TestContext.Current.CancellationToken);

        Assert.Equal("shoe_size", (await XapiError.ReadAsync(post, HttpStatusCode.BadRequest)).Field);
        Assert.Equal("shoe_size", (await XapiError.ReadAsync(put, HttpStatusCode.BadRequest)).Field);
        Assert.Equal("statementId", (await XapiError.ReadAsync(putNoId, HttpStatusCode.BadRequest)).Field);
        Assert.Equal("shoe_size", (await XapiError.ReadAsync(state, HttpStatusCode.BadRequest)).Field);
    }
}
