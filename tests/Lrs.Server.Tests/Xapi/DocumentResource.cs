namespace Lrs.Server.Tests.Xapi;

/// <summary>
/// One of the three document resources, at a scope (activity, agent, or both) no other test uses.
/// </summary>
public sealed record DocumentResource(string Name, string Path, string IdParameter, string Scope)
{
    public const string State = "state";
    public const string ActivityProfile = "activity profile";
    public const string AgentProfile = "agent profile";

    public static TheoryData<string> All => [State, ActivityProfile, AgentProfile];

    public static TheoryData<string> Profiles => [ActivityProfile, AgentProfile];

    public static DocumentResource Fresh(string name)
    {
        var activity = "activityId=" + XapiHttp.Q(Statements.NewActivity());
        var agent = "agent=" + XapiHttp.Q(Statements.Agent(Statements.NewMbox()));
        return name switch
        {
            State => new(name, "/xapi/activities/state", "stateId", activity + "&" + agent),
            ActivityProfile => new(name, "/xapi/activities/profile", "profileId", activity),
            AgentProfile => new(name, "/xapi/agents/profile", "profileId", agent),
            _ => throw new ArgumentException("no such document resource: " + name, nameof(name)),
        };
    }

    public string Document(string id) => $"{Path}?{Scope}&{IdParameter}={XapiHttp.Q(id)}";

    public string List(DateTimeOffset? since = null) =>
        since is null ? $"{Path}?{Scope}" : $"{Path}?{Scope}&since={XapiHttp.Q(since.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
}
