using System.Net;
using Lrs.Server.Auth;
using Lrs.Server.Tests.Xapi;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Auth;

/// <summary>Each xAPI scope allows its requests and nothing else (403 for a valid credential that lacks the scope).</summary>
public sealed class ScopeTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _admin = lrs.Client();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The requests a scope check can allow or refuse, one per kind of access.</summary>
    private enum Access
    {
        WriteStatements,
        ReadStatements,
        WriteState,
        ReadState,
        WriteActivityProfile,
        ReadActivityProfile,
        WriteAgentProfile,
        ReadAgentProfile,
    }

    private static async Task<HttpStatusCode> TryAsync(HttpClient client, Access access)
    {
        var state = DocumentResource.Fresh(DocumentResource.State).Document("doc");
        var activityProfile = DocumentResource.Fresh(DocumentResource.ActivityProfile).Document("doc");
        var agentProfile = DocumentResource.Fresh(DocumentResource.AgentProfile).Document("doc");
        using var response = access switch
        {
            Access.WriteStatements => await client.PostStatementsAsync(Statements.Make(Statements.NewActivity())),
            Access.ReadStatements => await client.GetResponseAsync("/xapi/statements?limit=1"),
            Access.WriteState => await client.PutAsync(state, XapiHttp.Json("{}"), Token),
            Access.ReadState => await client.GetResponseAsync(state),
            Access.WriteActivityProfile => await client.PostAsync(activityProfile, XapiHttp.Json("{}"), Token),
            Access.ReadActivityProfile => await client.GetResponseAsync(activityProfile),
            Access.WriteAgentProfile => await client.PostAsync(agentProfile, XapiHttp.Json("{}"), Token),
            Access.ReadAgentProfile => await client.GetResponseAsync(agentProfile),
            _ => throw new ArgumentOutOfRangeException(nameof(access)),
        };
        return response.StatusCode;
    }

    /// <summary>Asserts that the scopes allow exactly the listed accesses (a missing document is 404, still allowed).</summary>
    private async Task AssertAllowsOnlyAsync(string[] scopes, params Access[] allowed)
    {
        using var client = await lrs.ClientWithScopesAsync(scopes);
        foreach (var access in Enum.GetValues<Access>())
        {
            var status = await TryAsync(client, access);
            if (allowed.Contains(access))
            {
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound, $"{string.Join(' ', scopes)} {access}: {status}");
            }
            else
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{string.Join(' ', scopes)} {access}: expected 403, got {status}");
            }
        }
    }

    [Fact]
    public Task Statements_write_writes_statements_and_reads_nothing() =>
        AssertAllowsOnlyAsync([Scopes.StatementsWrite], Access.WriteStatements);

    [Fact]
    public Task Statements_read_reads_statements_and_writes_nothing() =>
        AssertAllowsOnlyAsync([Scopes.StatementsRead], Access.ReadStatements);

    [Fact]
    public Task State_reaches_only_the_State_resource() =>
        AssertAllowsOnlyAsync([Scopes.State], Access.WriteState, Access.ReadState);

    [Fact]
    public Task Profile_reaches_only_the_profile_resources() =>
        AssertAllowsOnlyAsync([Scopes.Profile], Access.WriteActivityProfile, Access.ReadActivityProfile, Access.WriteAgentProfile, Access.ReadAgentProfile);

    [Fact]
    public Task All_read_reads_everything_and_writes_nothing() =>
        AssertAllowsOnlyAsync([Scopes.AllRead], Access.ReadStatements, Access.ReadState, Access.ReadActivityProfile, Access.ReadAgentProfile);

    [Fact]
    public Task All_reaches_everything() =>
        AssertAllowsOnlyAsync([Scopes.All], Enum.GetValues<Access>());

    [Fact]
    public async Task Statements_read_mine_sees_only_the_statements_its_credential_stored()
    {
        var registration = Guid.NewGuid();
        JObject InRegistration()
        {
            var s = Statements.Make(Statements.NewActivity());
            s["context"] = new JObject { ["registration"] = registration.ToString("D") };
            return s;
        }

        using var mine = await lrs.ClientWithScopesAsync(Scopes.StatementsWrite, Scopes.StatementsReadMine);
        var own = await mine.StoreAsync(InRegistration());
        var others = await _admin.StoreAsync(InRegistration());

        Assert.Equal(own, await mine.QueryIdsAsync($"registration={registration}"));
        Assert.Equal(2, (await _admin.QueryIdsAsync($"registration={registration}")).Count);
        await mine.GetStatementAsync(own[0]);
        using var other = await mine.GetResponseAsync($"/xapi/statements?statementId={others[0]}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_stored_authority_is_the_credential_not_the_one_the_client_sent()
    {
        var (key, secret) = await lrs.CreateCredentialAsync(Scopes.StatementsWrite, Scopes.StatementsRead);
        using var client = lrs.ClientFor(key, secret);
        var statement = Statements.Make(Statements.NewActivity());
        statement["authority"] = Statements.Agent("mailto:someone-else@example.com");

        var id = (await client.StoreAsync(statement))[0];

        var authority = (await client.GetStatementAsync(id))["authority"]!;
        Assert.Null(authority["mbox"]);
        Assert.Equal(key, (string?)authority["account"]!["name"]);
        Assert.False(string.IsNullOrEmpty((string?)authority["account"]!["homePage"]));
    }
}
