using System.Text.Json.Serialization;
using Lrs.Xapi.Model;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Metrics;

/// <summary>An agent as the API shows it: its inverse functional identifier, as in xAPI, and its latest known name.</summary>
public sealed record AgentRef
{
    public string ObjectType { get; init; } = "Agent";

    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mbox { get; init; }

    [JsonPropertyName("mbox_sha1sum")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MboxSha1Sum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Openid { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccountRef? Account { get; init; }

    /// <summary>The agent an <see cref="Ifi"/> key stands for.</summary>
    public static AgentRef FromKey(string key, string? name)
    {
        var agent = Ifi.ToAgent(key);
        return new AgentRef
        {
            Name = name,
            Mbox = (string?)agent["mbox"],
            MboxSha1Sum = (string?)agent["mbox_sha1sum"],
            Openid = (string?)agent["openid"],
            Account = agent["account"] is JObject a ? new AccountRef((string)a["homePage"]!, (string)a["name"]!) : null,
        };
    }
}

public sealed record AccountRef(string HomePage, string Name);
