using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>A request stores all of its statements or none of them; an id holds one statement for ever.</summary>
public sealed class StatementBatchTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    [Fact]
    public async Task A_batch_stores_every_statement_and_answers_their_ids_in_order()
    {
        var activity = Statements.NewActivity();
        var given = Guid.NewGuid();
        var ids = await _client.StoreAsync(Statements.Make(activity), Statements.Make(activity, id: given), Statements.Make(activity));

        Assert.Equal(3, ids.Count);
        Assert.Equal(given, ids[1]);
        Assert.Equal(ids.ToHashSet(), (await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity))).ToHashSet());
    }

    [Fact]
    public async Task A_batch_with_one_invalid_statement_gets_400_naming_the_field_and_stores_nothing()
    {
        var activity = Statements.NewActivity();
        var first = Guid.NewGuid();
        var bad = Statements.Make(activity);
        bad["actor"]!["mbox"] = "learner@example.com";

        using var response = await _client.PostStatementsAsync(new JArray(Statements.Make(activity, id: first), Statements.Make(activity), bad));

        var error = await XapiError.InvalidAsync(response, "[2].actor.mbox");
        Assert.Contains("mailto", error.Rule, StringComparison.Ordinal);
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={first}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_batch_with_a_statement_conflicting_with_a_stored_one_stores_nothing()
    {
        var activity = Statements.NewActivity();
        var taken = Guid.NewGuid();
        await _client.StoreAsync(Statements.Make(activity, id: taken));
        var fresh = Guid.NewGuid();

        using var response = await _client.PostStatementsAsync(new JArray(
            Statements.Make(activity, id: fresh),
            Statements.Make(activity, verb: Statements.Completed, id: taken)));

        await XapiError.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([taken], await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={fresh}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_batch_naming_one_id_twice_gets_400_and_stores_nothing()
    {
        var activity = Statements.NewActivity();
        var id = Guid.NewGuid();

        using var response = await _client.PostStatementsAsync(new JArray(
            Statements.Make(activity, id: id),
            Statements.Make(activity, verb: Statements.Completed, id: id)));

        await XapiError.InvalidAsync(response, "[1].id");
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task Sending_the_same_statement_again_succeeds_and_keeps_one_copy()
    {
        var statement = Statements.WithId(out var id);
        var activity = (string)statement["object"]!["id"]!;
        await _client.StoreAsync(statement);

        var again = await _client.StoreAsync((JObject)statement.DeepClone());
        using var put = await _client.PutStatementAsync(id, statement);

        Assert.Equal([id], again);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal([id], await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_different_statement_under_a_stored_id_gets_409_by_POST_and_by_PUT()
    {
        var statement = Statements.WithId(out var id);
        await _client.StoreAsync(statement);
        var different = (JObject)statement.DeepClone();
        different["verb"]!["id"] = Statements.Completed;

        using var post = await _client.PostStatementsAsync(different);
        using var put = await _client.PutStatementAsync(id, different);

        await XapiError.ReadAsync(post, HttpStatusCode.Conflict);
        await XapiError.ReadAsync(put, HttpStatusCode.Conflict);
        Assert.Equal(Statements.Experienced, (string?)(await _client.GetStatementAsync(id))["verb"]!["id"]);
    }

    [Fact]
    public async Task A_PUT_whose_body_id_differs_from_statementId_gets_400_and_stores_nothing()
    {
        var statement = Statements.WithId(out var bodyId);
        var parameterId = Guid.NewGuid();

        using var response = await _client.PutStatementAsync(parameterId, statement);

        await XapiError.InvalidAsync(response, "id");
        foreach (var id in new[] { bodyId, parameterId })
        {
            using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }
    }

    [Fact]
    public async Task A_PUT_without_an_id_in_the_body_stores_the_statement_under_statementId()
    {
        var id = Guid.NewGuid();

        using var response = await _client.PutStatementAsync(id, Statements.Make(Statements.NewActivity()));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(id.ToString("D"), (string?)(await _client.GetStatementAsync(id))["id"]);
    }
}
