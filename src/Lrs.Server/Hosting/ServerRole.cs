namespace Lrs.Server.Hosting;

/// <summary>
/// What one process serves (LRS_ROLE). The same binary runs as the LRS alone, as the dashboard alone (following the
/// store it shares or, with LRS_FOLLOW_URL, another LRS over xAPI), or as both.
/// </summary>
public enum ServerRole
{
    /// <summary>xAPI, dashboard, analytics and health (the default).</summary>
    All,

    /// <summary>xAPI and health only: no analytics projection, no dashboard API or pages.</summary>
    Lrs,

    /// <summary>Dashboard pages, auth, analytics API and health: no xAPI surface.</summary>
    Dashboard,
}

public static class ServerRoles
{
    public static bool ServesXapi(this ServerRole role) => role is ServerRole.All or ServerRole.Lrs;

    public static bool ServesDashboard(this ServerRole role) => role is ServerRole.All or ServerRole.Dashboard;

    public static ServerRole Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "all" or "" => ServerRole.All,
        "lrs" => ServerRole.Lrs,
        "dashboard" => ServerRole.Dashboard,
        _ => throw new InvalidOperationException($"LRS_ROLE must be 'all', 'lrs' or 'dashboard', not '{value}'"),
    };
}
