using System.Collections.Concurrent;

namespace Lrs.Xapi.Json;

/// <summary>
/// One shared instance of each string seen, up to a bound: past its capacity, or for values longer than its
/// maximum length, nothing is added and callers use their own string, so input with ever-new values cannot grow it
/// without limit. Lookups never lock. Used for Json.NET's property names (<see cref="PropertyNames"/>) and for the
/// index values of prepared statements.
/// </summary>
internal sealed class StringPool
{
    private readonly int _capacity;
    private readonly int _maxLength;
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Values added (the dictionary's own Count takes every lock it has).</summary>
    private int _count;

    public StringPool(int capacity, int maxLength)
    {
        (_capacity, _maxLength) = (capacity, maxLength);
        _bySpan = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The shared instance of <paramref name="value"/>, or the value itself when the pool does not take it.</summary>
    public string Share(string value) => _values.TryGetValue(value, out var shared) ? shared : Add(value) ?? value;

    /// <summary>The shared instance of these characters; null when the pool does not take them (no string is made then).</summary>
    public string? Share(ReadOnlySpan<char> value)
    {
        if (_bySpan.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return Takes(value.Length) ? Add(new string(value)) : null;
    }

    private bool Takes(int length) => length <= _maxLength && Volatile.Read(ref _count) < _capacity;

    private string? Add(string value)
    {
        if (!Takes(value.Length))
        {
            return null;
        }

        var shared = _values.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
