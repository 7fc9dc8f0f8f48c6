using Lrs.Xapi.Json;

namespace Lrs.Xapi.Statements;

/// <summary>
/// One instance of each index value seen often (agent keys, verb and activity ids), shared by every prepared
/// statement that names it. A prepared batch waits for its commit long enough to be promoted to gen2, and there its
/// copies of the same few thousand strings were dying by the megabyte (issue 6: gen2 grew to about 90 MB under batched
/// POSTs while 32 MB were live). Bounded: past 16,384 values a string is used as it is, so ever-new agents cannot grow
/// it without limit (at most a few MB).
/// </summary>
internal static class SharedStrings
{
    private static readonly StringPool Pool = new(capacity: 16_384, maxLength: 512);

    public static string Share(string value) => Pool.Share(value);

    public static List<string> Share(List<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = Pool.Share(values[i]);
        }

        return values;
    }
}
