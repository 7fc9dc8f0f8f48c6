using System.Collections.Concurrent;
using Newtonsoft.Json;

namespace Lrs.Xapi.Json;

/// <summary>
/// One string per property name for every reader of the LRS. Json.NET's reader makes a new string for each property
/// name it reads unless it has a name table; statements repeat the same few dozen names (and the same extension IRIs
/// and language tags) millions of times, and those strings were about 4% of what ingest and the analytics follower
/// allocated (allocation ticks under batched POSTs, issue 6). Names are added as they are first seen, up to a
/// bound, so a client sending ever-new names cannot grow it without limit; past the bound, and for long names, the
/// reader makes its own string as before. Lookups never lock.
/// </summary>
internal sealed class PropertyNames : JsonNameTable
{
    public static readonly PropertyNames Shared = new();

    /// <summary>Enough for the spec's names and a deployment's extension IRIs and languages.</summary>
    private const int Capacity = 4096;

    /// <summary>Longer names are rare and not worth keeping.</summary>
    private const int MaxLength = 256;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private PropertyNames() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public override string? Get(char[] key, int start, int length)
    {
        var span = key.AsSpan(start, length);
        if (_lookup.TryGetValue(span, out var name))
        {
            return name;
        }

        if (length > MaxLength || Volatile.Read(ref _count) >= Capacity)
        {
            return null;
        }

        name = new string(span);
        var shared = _names.GetOrAdd(name, name);
        if (ReferenceEquals(shared, name))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }

    /// <summary>Names added (the dictionary's own Count takes every lock it has).</summary>
    private int _count;
}
