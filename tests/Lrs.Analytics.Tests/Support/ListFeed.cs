using System.Globalization;
using Lrs.Analytics.Feed;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Support;

/// <summary>
/// A feed over a list, behaving as the LRS's own feed does: positions in order, voided statements flagged as of the
/// read, definitions merged from the statements added, as the LRS keeps them.
/// </summary>
internal sealed class ListFeed(string name = "list") : IStatementFeed
{
    private readonly List<(JObject Statement, DateTimeOffset Stored)> _statements = [];
    private readonly HashSet<Guid> _voided = [];

    public Dictionary<string, JObject> Definitions { get; } = new(StringComparer.Ordinal);

    public List<string?> CursorsAsked { get; } = [];

    public int Handed { get; private set; }

    public string Name => name;

    public ListFeed Add(params Stmt[] statements) => Add(statements.Select(s => s.Build()).ToArray());

    public ListFeed Add(params JObject[] statements)
    {
        foreach (var s in statements)
        {
            if ((string?)s["verb"]?["id"] == Iri.Voided)
            {
                _voided.Add(Guid.Parse((string)s["object"]!["id"]!));
            }

            foreach (var d in ActivityDefinitions.Collect(s))
            {
                Definitions[d.ActivityId] = ActivityDefinitions.Merge(Definitions.GetValueOrDefault(d.ActivityId), d.Definition);
            }

            _statements.Add((s, DateTimeOffset.UnixEpoch.AddSeconds(_statements.Count + 1)));
        }

        return this;
    }

    public Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
    {
        CursorsAsked.Add(cursor);
        var after = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var page = _statements.Skip(after).Take(max).Select(x =>
        {
            var id = Guid.Parse((string)x.Statement["id"]!);
            return new FeedStatement(id, XapiJson.Serialize(x.Statement), x.Stored, _voided.Contains(id));
        }).ToList();
        Handed += page.Count;
        var next = after + page.Count;
        return Task.FromResult(new FeedPage(page, next.ToString(CultureInfo.InvariantCulture), next < _statements.Count, MayRepeat: false));
    }

    public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
        Task.FromResult(Definitions.GetValueOrDefault(activityId));
}
