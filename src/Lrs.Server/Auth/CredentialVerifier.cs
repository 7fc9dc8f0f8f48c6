using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Auth;

/// <summary>
/// Checks a key and secret against the credential store. PBKDF2 is deliberately slow (tens of milliseconds), so a
/// secret once verified is remembered as an HMAC under a per-process key, tied to the stored hash it matched; a
/// changed or revoked credential is seen within <see cref="CredentialTtl"/>.
/// </summary>
public sealed class CredentialVerifier(ICredentialStore store, TimeProvider clock)
{
    public static readonly TimeSpan CredentialTtl = TimeSpan.FromSeconds(2);

    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Credential? Credential, DateTimeOffset Until)> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    /// <summary>The live credential for this key and secret, or null when unknown, revoked or the secret is wrong.</summary>
    public async Task<Credential?> VerifyAsync(string key, string secret, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(key, cancellationToken);
        if (credential is null || credential.Revoked is not null)
        {
            return null;
        }

        var proof = Convert.ToBase64String(HMACSHA256.HashData(_processKey, Encoding.UTF8.GetBytes(key + "\n" + secret)));
        if (_verified.TryGetValue(proof, out var hash) && hash == credential.SecretHash)
        {
            return credential;
        }

        if (!SecretHasher.Verify(secret, credential.SecretHash))
        {
            return null;
        }

        _verified[proof] = credential.SecretHash;
        return credential;
    }

    /// <summary>Forgets what is cached for a key (after the credential changed in this process).</summary>
    public void Forget(string key) => _credentials.TryRemove(key, out _);

    private async Task<Credential?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_credentials.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Credential;
        }

        var credential = await store.FindAsync(key, cancellationToken);
        _credentials[key] = (credential, now + CredentialTtl);
        return credential;
    }
}
