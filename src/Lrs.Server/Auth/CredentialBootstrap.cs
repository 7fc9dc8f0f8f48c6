using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Auth;

/// <summary>
/// LRS_BOOTSTRAP_KEY / LRS_BOOTSTRAP_SECRET create (or update) a credential with scope "all" at start, so a fresh
/// deployment can be used without running the command line first.
/// </summary>
public static class CredentialBootstrap
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var key = configuration["LRS_BOOTSTRAP_KEY"];
        var secret = configuration["LRS_BOOTSTRAP_SECRET"];
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            return;
        }

        var store = services.GetRequiredService<ICredentialStore>();
        var options = services.GetRequiredService<LrsOptions>();
        var existing = await store.FindAsync(key, cancellationToken);
        if (existing is not null && existing.Revoked is null && existing.Scopes.Contains(Scopes.All) && SecretHasher.Verify(secret, existing.SecretHash))
        {
            return;
        }

        await store.SaveAsync(new Credential(key, SecretHasher.Hash(secret), [Scopes.All], "bootstrap", existing?.StoreId ?? options.DefaultStore,
            existing?.Created ?? DateTimeOffset.UtcNow, null), cancellationToken);
    }
}
