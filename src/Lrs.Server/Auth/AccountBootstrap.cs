using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Auth;

/// <summary>
/// LRS_ADMIN_EMAIL / LRS_ADMIN_PASSWORD create (or update: role admin, enabled, that password) the first dashboard
/// admin at start, so a fresh deployment can be signed in to without running the command line first.
/// </summary>
public static class AccountBootstrap
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var email = configuration["LRS_ADMIN_EMAIL"]?.Trim();
        var password = configuration["LRS_ADMIN_PASSWORD"];
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        if ((AccountRules.Email(email) ?? AccountRules.Password(password)) is { } problem)
        {
            throw new InvalidOperationException("LRS_ADMIN_EMAIL / LRS_ADMIN_PASSWORD: " + problem);
        }

        var store = services.GetRequiredService<IAccountStore>();
        var existing = await store.FindAsync(email, cancellationToken);
        if (existing is { Role: DashboardRoles.Admin, Disabled: null } && SecretHasher.Verify(password, existing.PasswordHash))
        {
            return;
        }

        var options = services.GetRequiredService<LrsOptions>();
        await store.SaveAsync(new Account(email, existing?.Name ?? "Administrator", DashboardRoles.Admin, SecretHasher.Hash(password),
            existing?.Agent, existing?.AgentKey, existing?.StoreId ?? options.DefaultStore, existing?.Created ?? DateTimeOffset.UtcNow, null), cancellationToken);
    }
}
