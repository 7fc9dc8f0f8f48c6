using System.Collections.Frozen;

namespace Lrs.Xapi.Json;

/// <summary>
/// The parts of a JSON object a reader needs, for <see cref="XapiJson.ParseShaped"/>: the properties it keeps, each
/// kept whole or shaped in turn, or only the names of its properties. A shape given to an array applies to each of its
/// elements that is an object. Everything else is read past and never built.
/// </summary>
public sealed class JsonShape
{
    // Each kept property by name, with the name itself: a reader that has a name only as characters looks it up
    // without making a string (the lookup by span), and takes this one for the properties it keeps.
    private readonly FrozenDictionary<string, (string Name, JsonShape? Shape)> _kept;
    private readonly FrozenDictionary<string, (string Name, JsonShape? Shape)>.AlternateLookup<ReadOnlySpan<char>> _keptBySpan;

    private JsonShape(IEnumerable<(string Name, JsonShape? Shape)> kept, bool namesOnly)
    {
        _kept = kept.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
        _keptBySpan = _kept.GetAlternateLookup<ReadOnlySpan<char>>();
        NamesOnly = namesOnly;
    }

    /// <summary>An object whose property names are kept, each with a null value.</summary>
    public static JsonShape Names { get; } = new([], namesOnly: true);

    /// <summary>An object keeping these properties whole.</summary>
    public static JsonShape Of(params string[] whole) => new(whole.Select(n => (n, (JsonShape?)null)), namesOnly: false);

    /// <summary>This shape with more properties, each kept in the shape given (null: whole).</summary>
    public JsonShape With(params (string Name, JsonShape? Shape)[] more)
    {
        var kept = _kept.ToDictionary(StringComparer.Ordinal);
        foreach (var (name, shape) in more)
        {
            kept[name] = (name, shape);
        }

        return new(kept.Values, NamesOnly);
    }

    public bool NamesOnly { get; }

    /// <summary>Whether the property is kept, its name as this shape holds it, and its shape (null: whole).</summary>
    public bool Keeps(ReadOnlySpan<char> name, out string keptName, out JsonShape? shape)
    {
        var kept = _keptBySpan.TryGetValue(name, out var found);
        (keptName, shape) = kept ? found : ("", null);
        return kept;
    }
}
