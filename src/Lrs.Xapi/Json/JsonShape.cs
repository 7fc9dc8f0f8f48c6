using System.Collections.Frozen;

namespace Lrs.Xapi.Json;

/// <summary>
/// The parts of a JSON object a reader needs, for <see cref="XapiJson.ParseShaped"/>: the properties it keeps, each
/// kept whole or shaped in turn, or only the names of its properties. A shape given to an array applies to each of its
/// elements that is an object. Everything else is read past and never built.
/// </summary>
public sealed class JsonShape
{
    private readonly FrozenDictionary<string, JsonShape?> _kept;

    // The same, by the name's characters, with the name itself: a reader that has a name only as characters looks it
    // up without making a string, and takes this one for the properties it keeps.
    private readonly FrozenDictionary<string, (string Name, JsonShape? Shape)>.AlternateLookup<ReadOnlySpan<char>> _keptBySpan;

    private JsonShape(FrozenDictionary<string, JsonShape?> kept, bool namesOnly)
    {
        _kept = kept;
        _keptBySpan = kept.ToFrozenDictionary(p => p.Key, p => (p.Key, p.Value), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        NamesOnly = namesOnly;
    }

    /// <summary>An object whose property names are kept, each with a null value.</summary>
    public static JsonShape Names { get; } = new(FrozenDictionary<string, JsonShape?>.Empty, namesOnly: true);

    /// <summary>An object keeping these properties whole.</summary>
    public static JsonShape Of(params string[] whole) => new(whole.ToFrozenDictionary(n => n, _ => (JsonShape?)null, StringComparer.Ordinal), namesOnly: false);

    /// <summary>This shape with more properties, each kept in the shape given (null: whole).</summary>
    public JsonShape With(params (string Name, JsonShape? Shape)[] more)
    {
        var kept = _kept.ToDictionary(StringComparer.Ordinal);
        foreach (var (name, shape) in more)
        {
            kept[name] = shape;
        }

        return new(kept.ToFrozenDictionary(StringComparer.Ordinal), NamesOnly);
    }

    public bool NamesOnly { get; }

    /// <summary>Whether the property is kept, and its shape (null: whole).</summary>
    public bool Keeps(string name, out JsonShape? shape) => _kept.TryGetValue(name, out shape);

    /// <summary>Whether the property is kept, its name as this shape holds it, and its shape (null: whole).</summary>
    public bool Keeps(ReadOnlySpan<char> name, out string keptName, out JsonShape? shape)
    {
        var kept = _keptBySpan.TryGetValue(name, out var found);
        (keptName, shape) = kept ? found : ("", null);
        return kept;
    }
}
