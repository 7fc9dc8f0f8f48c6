using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Lrs.Storage.Sqlite;

/// <summary>
/// The writer's ids of index keys, found by a 128-bit hash of the key's text instead of the text itself. Keyed by the
/// strings, the cache was about half the server's live heap (118,000 strings in a heap dump after batched POSTs), and
/// since every question, reply and registration is a key of its own, a generation of those strings filled every few
/// seconds under batched POSTs, was promoted, and died in gen2. Hashes are values in the dictionaries' own arrays: no
/// object per key, nothing for the GC to promote.
/// </summary>
/// <remarks>
/// Ids created by the open transaction (and by its open savepoint) are held apart from committed ones, so a rollback
/// never leaves a cached id that no longer exists. Committed ids are bounded in two generations: a key found in the
/// older one moves to the newer, so the hot keys (verbs, courses, active people) stay while the rest age out.
/// Two texts sharing a hash would share an id: with 128 bits and a seed drawn per writer, so that nobody can choose
/// texts that collide, the chance among the 3.6M keys of a 10M store is about 10^-26.
/// </remarks>
internal sealed class KeyIdCache
{
    private const int MaxCommittedKeys = 65_536;
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
    private Dictionary<UInt128, long> _committed = [];
    private Dictionary<UInt128, long> _older = [];
    private readonly Dictionary<UInt128, long> _transaction = [];
    private readonly List<UInt128> _savepoint = [];

    public UInt128 Hash(ReadOnlySpan<char> text) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text), _seed);

    public bool TryGet(UInt128 hash, out long id)
    {
        if (_committed.TryGetValue(hash, out id) || _transaction.TryGetValue(hash, out id))
        {
            return true;
        }

        if (_older.Remove(hash, out id))
        {
            RememberCommitted(hash, id);
            return true;
        }

        return false;
    }

    /// <summary>An id the open transaction found or created in the database.</summary>
    public void AddFromTransaction(UInt128 hash, long id)
    {
        _transaction[hash] = id;
        _savepoint.Add(hash);
    }

    public void Committed()
    {
        foreach (var (hash, id) in _transaction)
        {
            RememberCommitted(hash, id);
        }

        _transaction.Clear();

        // Outside a savepoint nothing else clears this list: it would hold every key the writer ever created.
        _savepoint.Clear();
    }

    public void RolledBack()
    {
        _transaction.Clear();
        _savepoint.Clear();
    }

    public void SavepointStarted() => _savepoint.Clear();

    public void SavepointReleased() => _savepoint.Clear();

    public void SavepointRolledBack()
    {
        foreach (var hash in _savepoint)
        {
            _transaction.Remove(hash);
        }

        _savepoint.Clear();
    }

    private void RememberCommitted(UInt128 hash, long id)
    {
        if (_committed.Count >= MaxCommittedKeys)
        {
            (_older, _committed) = (_committed, _older);
            _committed.Clear();
        }

        _committed[hash] = id;
    }
}
