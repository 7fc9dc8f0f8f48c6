namespace Lrs.Xapi.Storage;

/// <summary>
/// A person who signs in to the dashboard with an email and a password. The password is kept only as a salted hash.
/// Role is "admin", "manager" or "learner". A learner's Agent is the xAPI Agent (JSON text, one inverse functional
/// identifier) whose record they may read, with its <see cref="Model.Ifi"/> key in AgentKey; both are null when the
/// account has no agent. StoreId names the tenant whose analytics the account sees.
/// </summary>
public sealed record Account(
    string Email,
    string Name,
    string Role,
    string PasswordHash,
    string? Agent,
    string? AgentKey,
    string StoreId,
    DateTimeOffset Created,
    DateTimeOffset? Disabled);

/// <summary>Dashboard accounts, one per email address.</summary>
/// <remarks>
/// Contract: an email is the account's key, compared ignoring case (ordinal, after upper/lower-case folding of the
/// invariant culture): "Ann@Example.org" and "ann@example.org" are one account. The store keeps the address as it was
/// last saved. Every other field comes back exactly as saved, instants at millisecond precision.
/// </remarks>
public interface IAccountStore
{
    /// <summary>The account with this email (any case), or null.</summary>
    Task<Account?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>Every account, oldest first (then by email).</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates the account unless one with the same email exists; false (and nothing changed) when it does.</summary>
    Task<bool> CreateAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Creates the account, or replaces the one with the same email.</summary>
    Task SaveAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Deletes the account; false when no such email exists.</summary>
    Task<bool> DeleteAsync(string email, CancellationToken cancellationToken);
}

/// <summary>How an email becomes an account key: the same for every backend.</summary>
public static class AccountKeys
{
    public static string Of(string email) => email.ToLowerInvariant();
}
