using System.Security.Cryptography;
using Lrs.Server.Auth;
using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Cli;

/// <summary>
/// lrs credentials create|list|revoke: the operator's way to hand out and withdraw HTTP Basic credentials.
/// </summary>
public static class CredentialsCommand
{
    public const string Usage = """
        usage:
          credentials create [--key KEY] [--secret SECRET] [--scopes "all"] [--name NAME] [--store STORE]
          credentials list
          credentials revoke KEY
        scopes: statements/write statements/read statements/read/mine all/read all state define profile
        """;

    public static async Task<int> RunAsync(string[] args, LrsOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var store = StorageSetup.CreateCredentialStore(options);
        switch (args)
        {
            case ["create", .. var rest]:
                return await CreateAsync(store, options, Flags(rest), output, cancellationToken);
            case ["list"]:
                foreach (var c in await store.ListAsync(cancellationToken))
                {
                    var state = c.Revoked is null ? "active" : $"revoked {c.Revoked:u}";
                    await output.WriteLineAsync($"{c.Key}\t{c.Name}\t{string.Join(' ', c.Scopes)}\tstore={c.StoreId}\t{state}");
                }

                return 0;
            case ["revoke", var key]:
                if (await store.RevokeAsync(key, DateTimeOffset.UtcNow, cancellationToken))
                {
                    await output.WriteLineAsync($"revoked {key}");
                    return 0;
                }

                await output.WriteLineAsync($"no credential {key}");
                return 1;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateAsync(ICredentialStore store, LrsOptions options, Dictionary<string, string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        // Split on an array: Split(' ', ',', options) binds ',' to the count parameter and never splits on commas.
        var scopes = (flags.GetValueOrDefault("scopes") ?? Scopes.All).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = scopes.Where(s => !Scopes.Known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            await output.WriteLineAsync($"unknown scope(s): {string.Join(", ", unknown)}\n{Usage}");
            return 2;
        }

        var key = flags.GetValueOrDefault("key") ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var secret = flags.GetValueOrDefault("secret") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var credential = new Credential(key, SecretHasher.Hash(secret), scopes, flags.GetValueOrDefault("name") ?? key,
            flags.GetValueOrDefault("store") ?? options.DefaultStore, DateTimeOffset.UtcNow, null);
        await store.SaveAsync(credential, cancellationToken);
        await output.WriteLineAsync($"key:    {key}\nsecret: {secret}\nscopes: {string.Join(' ', scopes)}\n(the secret is stored hashed; note it now)");
        return 0;
    }

    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            flags[args[i].TrimStart('-')] = args[i + 1];
        }

        return flags;
    }
}
