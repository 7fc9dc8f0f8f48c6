namespace Lrs.Xapi.Storage;

/// <summary>
/// An HTTP Basic credential. The secret is kept only as a salted hash; scopes are the xAPI OAuth scope names.
/// StoreId names the tenant whose statements and documents the credential reaches.
/// </summary>
public sealed record Credential(
    string Key,
    string SecretHash,
    IReadOnlyList<string> Scopes,
    string Name,
    string StoreId,
    DateTimeOffset Created,
    DateTimeOffset? Revoked);

public interface ICredentialStore
{
    Task<Credential?> FindAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<Credential>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates the credential, or replaces the one with the same key.</summary>
    Task SaveAsync(Credential credential, CancellationToken cancellationToken);

    /// <summary>Marks the credential revoked; false when no such key exists.</summary>
    Task<bool> RevokeAsync(string key, DateTimeOffset when, CancellationToken cancellationToken);
}
