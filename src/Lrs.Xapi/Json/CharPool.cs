using System.Buffers;
using Newtonsoft.Json;

namespace Lrs.Xapi.Json;

/// <summary>
/// Json.NET's readers and writers take their character buffers from the shared pool: without one, each reader made a
/// 2 KB buffer of its own (the analytics follower makes one per statement) and each writer its escaping buffer.
/// </summary>
internal sealed class CharPool : IArrayPool<char>
{
    public static readonly CharPool Shared = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
