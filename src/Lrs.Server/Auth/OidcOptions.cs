namespace Lrs.Server.Auth;

/// <summary>
/// Single sign-on through an OpenID Connect provider (LRS_OIDC_*). Off unless LRS_OIDC_AUTHORITY is set. The dashboard
/// page signs in at the provider and calls the API with the ID or access token as a bearer token; the server validates
/// it (issuer, audience, lifetime, signature) and maps its claims to a role and, for a learner, an xAPI agent.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL (LRS_OIDC_AUTHORITY); its keys come from /.well-known/openid-configuration.</summary>
    public string? Authority { get; init; }

    /// <summary>The audience tokens must carry (LRS_OIDC_AUDIENCE, default the client id).</summary>
    public string? Audience { get; init; }

    /// <summary>The dashboard's client id at the provider (LRS_OIDC_CLIENT_ID, default the audience).</summary>
    public string? ClientId { get; init; }

    /// <summary>The scopes the login page asks for (LRS_OIDC_SCOPE, default "openid profile email").</summary>
    public string Scope { get; init; } = "openid profile email";

    /// <summary>The claim holding role names (LRS_OIDC_ROLE_CLAIM, default "roles"); one value or an array.</summary>
    public string RoleClaim { get; init; } = "roles";

    /// <summary>
    /// Provider role names for each dashboard role (LRS_OIDC_ADMIN_ROLES, LRS_OIDC_MANAGER_ROLES, LRS_OIDC_LEARNER_ROLES:
    /// comma-separated, compared ordinally; defaults "admin", "manager", "learner"). Several matching: the highest wins.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> RoleValues { get; init; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [DashboardRoles.Admin] = Set(DashboardRoles.Admin),
        [DashboardRoles.Manager] = Set(DashboardRoles.Manager),
        [DashboardRoles.Learner] = Set(DashboardRoles.Learner),
    };

    /// <summary>The role of a token none of whose role values is mapped (LRS_OIDC_DEFAULT_ROLE; default none: 403).</summary>
    public string? DefaultRole { get; init; }

    /// <summary>The claim with the user's email (LRS_OIDC_EMAIL_CLAIM, default "email"): their mbox unless an account homePage is set.</summary>
    public string EmailClaim { get; init; } = "email";

    /// <summary>The claim with the display name (LRS_OIDC_NAME_CLAIM, default "name").</summary>
    public string NameClaim { get; init; } = "name";

    /// <summary>The claim naming the user at the provider (LRS_OIDC_SUBJECT_CLAIM, default "sub").</summary>
    public string SubjectClaim { get; init; } = "sub";

    /// <summary>
    /// With LRS_OIDC_ACCOUNT_HOMEPAGE, a user's agent is {"account":{"homePage": this, "name": subject claim}}
    /// instead of {"mbox":"mailto:" + email claim}: for systems that record learners by their provider id.
    /// </summary>
    public string? AccountHomePage { get; init; }

    /// <summary>
    /// A base64 symmetric key (LRS_OIDC_SIGNING_KEY) that signs tokens instead of the provider's published keys: for
    /// providers that sign with a shared secret (HS256), and for tests, which then need no network.
    /// </summary>
    public byte[]? SigningKey { get; init; }

    public bool Enabled => Authority is not null;

    public static OidcOptions FromConfiguration(IConfiguration configuration)
    {
        string? Get(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();
        var authority = Get("LRS_OIDC_AUTHORITY");
        if (authority is not null && !(Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new InvalidOperationException($"LRS_OIDC_AUTHORITY must be the provider's issuer URL, not '{authority}'");
        }

        var audience = Get("LRS_OIDC_AUDIENCE") ?? Get("LRS_OIDC_CLIENT_ID");
        if (authority is not null && audience is null)
        {
            throw new InvalidOperationException("LRS_OIDC_AUTHORITY needs LRS_OIDC_AUDIENCE or LRS_OIDC_CLIENT_ID (the audience tokens are issued for)");
        }

        var defaultRole = Get("LRS_OIDC_DEFAULT_ROLE");
        if (defaultRole is not null && !DashboardRoles.IsKnown(defaultRole))
        {
            throw new InvalidOperationException($"LRS_OIDC_DEFAULT_ROLE must be admin, manager or learner, not '{defaultRole}'");
        }

        byte[]? key = null;
        if (Get("LRS_OIDC_SIGNING_KEY") is { } encoded)
        {
            try
            {
                key = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("LRS_OIDC_SIGNING_KEY must be base64");
            }
        }

        return new OidcOptions
        {
            Authority = authority,
            Audience = audience,
            ClientId = Get("LRS_OIDC_CLIENT_ID") ?? audience,
            Scope = Get("LRS_OIDC_SCOPE") ?? "openid profile email",
            RoleClaim = Get("LRS_OIDC_ROLE_CLAIM") ?? "roles",
            RoleValues = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
            {
                [DashboardRoles.Admin] = Set(Get("LRS_OIDC_ADMIN_ROLES") ?? DashboardRoles.Admin),
                [DashboardRoles.Manager] = Set(Get("LRS_OIDC_MANAGER_ROLES") ?? DashboardRoles.Manager),
                [DashboardRoles.Learner] = Set(Get("LRS_OIDC_LEARNER_ROLES") ?? DashboardRoles.Learner),
            },
            DefaultRole = defaultRole,
            EmailClaim = Get("LRS_OIDC_EMAIL_CLAIM") ?? "email",
            NameClaim = Get("LRS_OIDC_NAME_CLAIM") ?? "name",
            SubjectClaim = Get("LRS_OIDC_SUBJECT_CLAIM") ?? "sub",
            AccountHomePage = Get("LRS_OIDC_ACCOUNT_HOMEPAGE"),
            SigningKey = key,
        };
    }

    private static HashSet<string> Set(string values) =>
        values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
