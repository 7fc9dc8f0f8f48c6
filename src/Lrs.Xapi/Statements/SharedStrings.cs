using System.Collections.Concurrent;

namespace Lrs.Xapi.Statements;

/// <summary>
/// One instance of each index value seen often (agent keys, verb and activity ids), shared by every prepared
/// statement that names it. A prepared batch waits for its commit long enough to be promoted to gen2, and there its
/// copies of the same few thousand strings were dying by the megabyte (issue 6: gen2 grew to about 90 MB under batched
/// POSTs while 32 MB were live). Bounded: past <see cref="Capacity"/> values a string is used as it is, so ever-new
/// agents cannot grow it without limit (at most a few MB).
/// </summary>
internal static class SharedStrings
{
    private const int Capacity = 16_384;

    private const int MaxLength = 512;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string Share(string value)
    {
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (value.Length > MaxLength || Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }

    /// <summary>Values added (the dictionary's own Count takes every lock it has).</summary>
    private static int _count;

    public static List<string> Share(List<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = Share(values[i]);
        }

        return values;
    }
}
