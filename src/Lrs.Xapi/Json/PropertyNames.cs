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

    /// <summary>Enough for the spec's names and a deployment's extension IRIs and languages; longer names are rare.</summary>
    private readonly StringPool _names = new(capacity: 4096, maxLength: 256);

    private PropertyNames()
    {
    }

    public override string? Get(char[] key, int start, int length) => _names.Share(key.AsSpan(start, length));

    /// <summary>The shared string for a name read by another reader (<see cref="ShapedReader"/>), or a new one.</summary>
    public string Get(ReadOnlySpan<char> name) => _names.Share(name) ?? new string(name);
}
