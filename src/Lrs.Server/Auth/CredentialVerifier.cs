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
public sealed class CredentialVerifier
{
    public static readonly TimeSpan CredentialTtl = TimeSpan.FromSeconds(2);

    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(32);
    private readonly ThreadLocal<HMACSHA256> _hmac;
    private readonly ConcurrentDictionary<string, (Credential? Credential, DateTimeOffset Until)> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    private readonly ICredentialStore _store;
    private readonly TimeProvider _clock;

    public CredentialVerifier(ICredentialStore store, TimeProvider clock)
    {
        (_store, _clock) = (store, clock);
        _hmac = new(() => new HMACSHA256(_processKey));
    }

    /// <summary>The live credential for this key and secret, or null when unknown, revoked or the secret is wrong.</summary>
    public async Task<Credential?> VerifyAsync(string key, string secret, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(key, cancellationToken);
        if (credential is null || credential.Revoked is not null)
        {
            return null;
        }

        var proof = Proof(key, secret);
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

    /// <summary>
    /// The HMAC of key and secret under the process key, computed by this thread's own HMAC object: the one-shot
    /// <c>HMACSHA256.HashData</c> set up and freed OpenSSL's MAC context on every request, about 3% of the request
    /// threads' CPU under single-statement POSTs (issue 6).
    /// </summary>
    private string Proof(string key, string secret)
    {
        var length = Encoding.UTF8.GetByteCount(key) + 1 + Encoding.UTF8.GetByteCount(secret);
        var input = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(key, input);
        input[written++] = (byte)'\n';
        Encoding.UTF8.GetBytes(secret, input[written..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.Value!.TryComputeHash(input, mac, out _);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Forgets what is cached for a key (after the credential changed in this process).</summary>
    public void Forget(string key) => _credentials.TryRemove(key, out _);

    private async Task<Credential?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_credentials.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Credential;
        }

        var credential = await _store.FindAsync(key, cancellationToken);
        _credentials[key] = (credential, now + CredentialTtl);
        return credential;
    }
}
