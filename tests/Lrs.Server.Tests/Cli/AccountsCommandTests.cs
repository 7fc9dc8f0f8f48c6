using System.Net;
using Lrs.Server.Cli;
using Lrs.Server.Hosting;
using Lrs.Server.Tests.Dashboard;

namespace Lrs.Server.Tests.Cli;

/// <summary>`accounts create|list|disable` against the data directory of a running dashboard.</summary>
public sealed class AccountsCommandTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await AccountsCommand.RunAsync(args, new LrsOptions { DataDir = lrs.DataDir }, output, Token);
        return (exit, output.ToString());
    }

    private static string NewEmail() => "cli-" + Guid.NewGuid().ToString("N")[..8] + "@corp.example";

    private static string Printed(string output, string name) =>
        output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    [Fact]
    public async Task Create_makes_an_admin_with_a_generated_password_who_can_sign_in()
    {
        var email = NewEmail();

        var (exit, output) = await RunAsync("create", "--email", email, "--name", "Ops Admin");

        Assert.Equal(0, exit);
        Assert.Equal("admin", Printed(output, "role"));
        using var client = await lrs.SignedInAsync(email, Printed(output, "password"));
        using var users = await client.GetResponseAsync("/api/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Create_a_learner_with_an_agent_and_list_shows_it()
    {
        var email = NewEmail();

        var (exit, _) = await RunAsync("create", "--email", email, "--role", "learner", "--password", "learner-password",
            "--agent", "{\"account\":{\"homePage\":\"https://lms.corp.example\",\"name\":\"77\"}}");
        var (listed, list) = await RunAsync("list");

        Assert.Equal((0, 0), (exit, listed));
        var line = Assert.Single(list.Split('\n'), l => l.StartsWith(email + "\t", StringComparison.Ordinal));
        Assert.Contains("\tlearner\t", line, StringComparison.Ordinal);
        Assert.Contains("https://lms.corp.example", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_stops_the_account_signing_in()
    {
        var email = NewEmail();
        await RunAsync("create", "--email", email, "--role", "manager", "--password", "manager-password");

        var (exit, _) = await RunAsync("disable", email);

        Assert.Equal(0, exit);
        using var client = lrs.Anonymous(version: null);
        using var login = await client.LoginAsync(email, "manager-password");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("create", "--email", "not-an-email")]
    [InlineData("create", "--email", "ok@corp.example", "--role", "owner")]
    [InlineData("create", "--email", "ok@corp.example", "--password", "short")]
    [InlineData("create", "--email", "ok@corp.example", "--agent", "{\"mbox\":\"no-mailto\"}")]
    [InlineData("rename")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var (exit, output) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_existing_email_or_disabling_an_unknown_one_exits_1()
    {
        var email = NewEmail();
        await RunAsync("create", "--email", email, "--password", "first-password");

        var (again, _) = await RunAsync("create", "--email", email.ToUpperInvariant(), "--password", "second-password");
        var (unknown, _) = await RunAsync("disable", NewEmail());

        Assert.Equal((1, 1), (again, unknown));
    }
}
