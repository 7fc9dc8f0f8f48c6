using System.Text;

namespace Lrs.Xapi.Validation;

/// <summary>
/// Where the validator stands in a document, kept as a stack so that the happy path allocates nothing; it becomes a
/// string ("[3].context.contextActivities.parent[0].id") only when a rule fails.
/// </summary>
internal sealed class JsonPath
{
    private readonly List<(string? Name, int Index)> _segments = new(16);

    public JsonPath(string? root = null)
    {
        if (!string.IsNullOrEmpty(root))
        {
            _segments.Add((root, -1));
        }
    }

    public void Push(string name) => _segments.Add((name, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public string With(string? last)
    {
        var sb = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            Append(sb, name, index);
        }

        if (last is not null)
        {
            Append(sb, last, -1);
        }

        return sb.ToString();
    }

    public override string ToString() => With(null);

    private static void Append(StringBuilder sb, string? name, int index)
    {
        if (name is null)
        {
            sb.Append('[').Append(index).Append(']');
            return;
        }

        // A name given as "[3]" is an index written by the caller: no dot before it, as for a pushed index.
        if (sb.Length > 0 && !name.StartsWith('['))
        {
            sb.Append('.');
        }

        sb.Append(name);
    }
}
