using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>A voided statement stays stored but leaves queries; it is read back only by voidedStatementId.</summary>
public sealed class VoidingTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    [Fact]
    public async Task A_voided_statement_is_404_by_statementId_and_200_by_voidedStatementId()
    {
        var target = Statements.WithId(out var id);
        await _client.StoreAsync(target);

        await _client.StoreAsync(Statements.Voiding(id));

        using var byId = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
        await XapiError.ReadAsync(byId, HttpStatusCode.NotFound);
        using var byVoidedId = await _client.GetResponseAsync($"/xapi/statements?voidedStatementId={id}");
        Assert.Equal(HttpStatusCode.OK, byVoidedId.StatusCode);
        Assert.Equal(id.ToString("D"), (string?)(await byVoidedId.ReadJsonAsync())["id"]);
    }

    [Fact]
    public async Task A_statement_that_is_not_voided_is_404_by_voidedStatementId()
    {
        var statement = Statements.WithId(out var id);
        await _client.StoreAsync(statement);

        using var response = await _client.GetResponseAsync($"/xapi/statements?voidedStatementId={id}");

        await XapiError.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_voided_statement_is_left_out_of_queries_while_its_voiding_statement_is_returned()
    {
        var activity = Statements.NewActivity();
        var kept = Statements.Make(activity, id: Guid.NewGuid());
        var voided = Statements.Make(activity, id: Guid.NewGuid());
        var ids = await _client.StoreAsync(kept, voided);

        var voiding = (await _client.StoreAsync(Statements.Voiding(ids[1])))[0];

        var found = await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity));
        Assert.Contains(ids[0], found);
        Assert.DoesNotContain(ids[1], found);
        Assert.Contains(voiding, found);
        Assert.DoesNotContain(ids[1], await _client.QueryIdsAsync("verb=" + XapiHttp.Q(Statements.Experienced) + "&limit=0"));
    }

    [Fact]
    public async Task Voiding_a_voiding_statement_gets_400_and_stores_nothing()
    {
        var target = Statements.WithId(out var id);
        await _client.StoreAsync(target);
        var voiding = (await _client.StoreAsync(Statements.Voiding(id)))[0];
        var second = Statements.Voiding(voiding);
        var secondId = Guid.NewGuid();
        second["id"] = secondId.ToString("D");

        using var response = await _client.PostStatementsAsync(second);

        await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(voiding.ToString("D"), (string?)(await _client.GetStatementAsync(voiding))["id"]);
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={secondId}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Statements_referring_to_a_voided_statement_are_still_returned()
    {
        var activity = Statements.NewActivity();
        var target = (await _client.StoreAsync(Statements.Make(activity)))[0];
        var comment = Statements.Make(activity, verb: "http://adlnet.gov/expapi/verbs/commented");
        comment["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = target.ToString("D") };
        var commentId = (await _client.StoreAsync(comment))[0];

        await _client.StoreAsync(Statements.Voiding(target));

        Assert.Equal("StatementRef", (string?)(await _client.GetStatementAsync(commentId))["object"]!["objectType"]);
        var found = await _client.QueryIdsAsync("verb=" + XapiHttp.Q("http://adlnet.gov/expapi/verbs/commented") + "&limit=0");
        Assert.Contains(commentId, found);
    }
}
