using System.Net;
using Lrs.Server.Auth;
using Lrs.Server.Cli;
using Lrs.Server.Hosting;
using Lrs.Storage.Sqlite;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Tests.Cli;

/// <summary>`credentials create|list|revoke` against the data directory of a running LRS.</summary>
public sealed class CredentialsCommandTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CredentialsCommand.RunAsync(args, new LrsOptions { DataDir = lrs.DataDir }, output, Token);
        return (exit, output.ToString());
    }

    private Task<Credential?> FindAsync(string key) =>
        new SqliteCredentialStore(new SqliteDatabase(Path.Combine(lrs.DataDir, "lrs.db"))).FindAsync(key, Token);

    /// <summary>The value printed after "name:" in the create command's output.</summary>
    private static string Printed(string output, string name) =>
        output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    [Fact]
    public async Task Create_stores_the_credential_with_its_scopes_and_only_a_hash_of_the_secret()
    {
        var key = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output) = await RunAsync("create", "--key", key, "--secret", "s3cret-value", "--scopes", "statements/read,state", "--name", "Course player");

        Assert.Equal(0, exit);
        Assert.Equal(key, Printed(output, "key"));
        var stored = await FindAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(["statements/read", "state"], stored.Scopes);
        Assert.Equal("Course player", stored.Name);
        Assert.Null(stored.Revoked);
        Assert.DoesNotContain("s3cret-value", stored.SecretHash, StringComparison.Ordinal);
        Assert.True(SecretHasher.Verify("s3cret-value", stored.SecretHash));
    }

    [Fact]
    public async Task Create_without_key_and_secret_generates_both_and_defaults_to_scope_all()
    {
        var (exit, output) = await RunAsync("create");

        Assert.Equal(0, exit);
        var key = Printed(output, "key");
        var secret = Printed(output, "secret");
        Assert.True(secret.Length >= 20, "a generated secret should be long: " + secret);
        var stored = await FindAsync(key);
        Assert.NotNull(stored);
        Assert.Equal([Scopes.All], stored.Scopes);
        Assert.True(SecretHasher.Verify(secret, stored.SecretHash));
    }

    [Fact]
    public async Task Create_with_an_unknown_scope_fails_and_stores_nothing()
    {
        var key = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output) = await RunAsync("create", "--key", key, "--scopes", "statements/read everything");

        Assert.Equal(2, exit);
        Assert.Contains("everything", output, StringComparison.Ordinal);
        Assert.Null(await FindAsync(key));
    }

    [Fact]
    public async Task List_shows_each_credential_with_its_scopes_and_whether_it_is_revoked()
    {
        var active = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var revoked = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync("create", "--key", active, "--scopes", "profile");
        await RunAsync("create", "--key", revoked, "--scopes", "all/read");
        await RunAsync("revoke", revoked);

        var (exit, output) = await RunAsync("list");

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        var activeLine = lines.Single(l => l.StartsWith(active + "\t", StringComparison.Ordinal));
        var revokedLine = lines.Single(l => l.StartsWith(revoked + "\t", StringComparison.Ordinal));
        Assert.Contains("\tprofile\t", activeLine, StringComparison.Ordinal);
        Assert.EndsWith("active", activeLine.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("\tall/read\t", revokedLine, StringComparison.Ordinal);
        Assert.Contains("revoked", revokedLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_marks_the_credential_revoked_and_an_unknown_key_fails()
    {
        var key = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync("create", "--key", key);

        var (exit, _) = await RunAsync("revoke", key);
        var (unknownExit, unknownOutput) = await RunAsync("revoke", "no-such-key");

        Assert.Equal(0, exit);
        Assert.NotNull((await FindAsync(key))!.Revoked);
        Assert.Equal(1, unknownExit);
        Assert.Contains("no-such-key", unknownOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("delete", "key")]
    [InlineData("revoke")]
    public async Task An_unknown_command_prints_the_usage_and_exits_2(params string[] args)
    {
        var (exit, output) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_created_by_the_command_line_is_accepted_by_the_running_LRS_within_its_scopes()
    {
        var key = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync("create", "--key", key, "--secret", "from-the-cli", "--scopes", "statements/read");
        using var client = lrs.ClientFor(key, "from-the-cli");

        using var read = await client.GetResponseAsync("/xapi/statements?limit=1");
        using var write = await client.PostStatementsAsync(Statements.Make(Statements.NewActivity()));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
