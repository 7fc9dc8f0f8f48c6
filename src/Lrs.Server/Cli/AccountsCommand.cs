using System.Security.Cryptography;
using Lrs.Server.Auth;
using Lrs.Server.Dashboard;
using Lrs.Server.Hosting;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Cli;

/// <summary>
/// accounts create|list|disable: the operator's way to make the first dashboard admin (or any account) and to lock
/// one out, without the API.
/// </summary>
public static class AccountsCommand
{
    public const string Usage = """
        usage:
          accounts create --email EMAIL [--name NAME] [--role admin|manager|learner] [--password PASSWORD] [--agent AGENT_JSON]
          accounts list
          accounts disable EMAIL
        role defaults to admin; without --password one is generated and printed; a learner without --agent is mailto:EMAIL.
        """;

    public static async Task<int> RunAsync(string[] args, LrsOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var store = StorageSetup.CreateAccountStore(options);
        switch (args)
        {
            case ["create", .. var rest]:
                return await CreateAsync(store, options, rest, output, cancellationToken);
            case ["list"]:
                foreach (var a in await store.ListAsync(cancellationToken))
                {
                    var state = a.Disabled is null ? "enabled" : $"disabled {a.Disabled:u}";
                    await output.WriteLineAsync($"{a.Email}\t{a.Role}\t{a.Name}\t{a.Agent ?? "-"}\tstore={a.StoreId}\t{state}");
                }

                return 0;
            case ["disable", var email]:
                var account = await store.FindAsync(email, cancellationToken);
                if (account is null)
                {
                    await output.WriteLineAsync($"no account {email}");
                    return 1;
                }

                await store.SaveAsync(account with { Disabled = account.Disabled ?? DateTimeOffset.UtcNow }, cancellationToken);
                await output.WriteLineAsync($"disabled {account.Email}");
                return 0;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateAsync(IAccountStore store, LrsOptions options, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var flags = AnalyticsCommands.Flags(args, out var error);
        var email = flags.GetValueOrDefault("email")?.Trim();
        var role = flags.GetValueOrDefault("role") ?? DashboardRoles.Admin;
        var generated = !flags.ContainsKey("password");
        var password = flags.GetValueOrDefault("password") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        var name = flags.GetValueOrDefault("name") ?? email;
        if ((error ?? AccountRules.Email(email) ?? AccountRules.Role(role) ?? AccountRules.Password(password) ?? AccountRules.Name(name)) is { } problem)
        {
            await output.WriteLineAsync(problem + "\n" + Usage);
            return 2;
        }

        AccountAgent? agent;
        try
        {
            agent = flags.TryGetValue("agent", out var json) ? AccountAgent.Of(json) : AccountAgent.Default(role, email!);
        }
        catch (XapiException e)
        {
            await output.WriteLineAsync("--agent: " + e.Message + "\n" + Usage);
            return 2;
        }

        var account = new Account(email!, name!, role, SecretHasher.Hash(password), agent?.Json, agent?.Key, options.DefaultStore, DateTimeOffset.UtcNow, null);
        if (!await store.CreateAsync(account, cancellationToken))
        {
            await output.WriteLineAsync($"an account with the email {email} exists (change it through the API: PATCH /api/admin/users/{email})");
            return 1;
        }

        await output.WriteLineAsync($"email:    {email}\nrole:     {role}\nagent:    {agent?.Json ?? "-"}" +
            (generated ? $"\npassword: {password}\n(the password is stored hashed; note it now)" : ""));
        return 0;
    }
}
