using System.Text.Json.Nodes;
using Lrs.Server.Analytics;
using Lrs.Server.Auth;
using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Dashboard;

/// <summary>
/// Account management at /api/admin/users, for admins: create managers and learners, change their role, name,
/// password or agent, disable or delete them. The last enabled admin cannot be demoted, disabled or deleted.
/// </summary>
public static class UsersApi
{
    private static readonly HashSet<string> CreateFields = new(StringComparer.Ordinal) { "email", "name", "role", "password", "agent" };
    private static readonly HashSet<string> PatchFields = new(StringComparer.Ordinal) { "name", "role", "password", "agent", "disabled" };

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").RequireAuthorization(AnalyticsAccess.AdminPolicy)
            .WithGroupName(DashboardEndpoints.DocumentName).WithTags("Accounts");
        Refusable(users.MapGet("/", ListAsync)).WithSummary("Every account, oldest first").Produces<AccountList>();
        Refusable(users.MapPost("/", CreateAsync)).WithSummary("Creates an account (a learner without agent gets mailto:their email)")
            .Accepts<CreateAccount>("application/json").Produces<AccountView>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status409Conflict);
        Refusable(users.MapPatch("/{email}", PatchAsync)).WithSummary("Changes some of role, name, password, agent (null removes it), disabled")
            .Accepts<PatchAccount>("application/json").Produces<AccountView>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        Refusable(users.MapDelete("/{email}", DeleteAsync)).WithSummary("Deletes an account").Produces(StatusCodes.Status204NoContent)
            .Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
    }

    private static RouteHandlerBuilder Refusable(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status403Forbidden);

    private static async Task<IResult> ListAsync(IAccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AccountList((await accounts.ListAsync(cancellationToken)).Select(AccountView.Of).ToList()));

    private static async Task<IResult> CreateAsync(HttpContext context, IAccountStore accounts, LrsOptions options, TimeProvider clock)
    {
        var (body, error) = await ApiJson.ReadObjectAsync(context.Request, CreateFields);
        if (body is null)
        {
            return error!;
        }

        if (!ApiJson.TryString(body, "email", out var email, out error) || !ApiJson.TryString(body, "name", out var name, out error)
            || !ApiJson.TryString(body, "role", out var role, out error) || !ApiJson.TryString(body, "password", out var password, out error))
        {
            return error!;
        }

        email = email?.Trim();
        if (Broken(("email", AccountRules.Email(email)), ("name", AccountRules.Name(name)), ("role", AccountRules.Role(role)), ("password", AccountRules.Password(password))) is { } bad)
        {
            return bad;
        }

        AccountAgent? agent;
        if (body.TryGetPropertyValue("agent", out var agentNode) && agentNode is not null)
        {
            if (!AccountAgent.TryParse(agentNode, out agent, out error))
            {
                return error!;
            }
        }
        else
        {
            try
            {
                agent = AccountAgent.Default(role!, email!);
            }
            catch (Lrs.Xapi.Errors.XapiException e)
            {
                return ApiJson.Bad("agent", "give an agent: the email does not make an xAPI mbox (" + e.Message + ")");
            }
        }

        var account = new Account(email!, name!.Trim(), role!, SecretHasher.Hash(password!), agent?.Json, agent?.Key, options.DefaultStore, clock.GetUtcNow(), null);
        if (!await accounts.CreateAsync(account, context.RequestAborted))
        {
            return TypedResults.Conflict(ApiJson.Error("conflict", $"an account with the email '{email}' exists", "email"));
        }

        return TypedResults.Created("/api/admin/users/" + Uri.EscapeDataString(email!), AccountView.Of(account));
    }

    private static async Task<IResult> PatchAsync(HttpContext context, string email, IAccountStore accounts, TimeProvider clock)
    {
        var (body, error) = await ApiJson.ReadObjectAsync(context.Request, PatchFields);
        if (body is null)
        {
            return error!;
        }

        var account = await accounts.FindAsync(email, context.RequestAborted);
        if (account is null)
        {
            return NotFound(email);
        }

        if (!ApiJson.TryString(body, "name", out var name, out error) || !ApiJson.TryString(body, "role", out var role, out error)
            || !ApiJson.TryString(body, "password", out var password, out error))
        {
            return error!;
        }

        if (Broken(("name", name is null ? null : AccountRules.Name(name)), ("role", role is null ? null : AccountRules.Role(role)),
                ("password", password is null ? null : AccountRules.Password(password))) is { } bad)
        {
            return bad;
        }

        var changed = account with
        {
            Name = name?.Trim() ?? account.Name,
            Role = role ?? account.Role,
            PasswordHash = password is null ? account.PasswordHash : SecretHasher.Hash(password),
        };
        if (body.TryGetPropertyValue("agent", out var agentNode))
        {
            AccountAgent? agent = null;
            if (agentNode is not null && !AccountAgent.TryParse(agentNode, out agent, out error))
            {
                return error!;
            }

            changed = changed with { Agent = agent?.Json, AgentKey = agent?.Key };
        }

        if (body.TryGetPropertyValue("disabled", out var disabledNode))
        {
            if (disabledNode is not JsonValue v || !v.TryGetValue(out bool disabled))
            {
                return ApiJson.Bad("disabled", "disabled must be true or false");
            }

            changed = changed with { Disabled = disabled ? account.Disabled ?? clock.GetUtcNow() : null };
        }

        if (IsActiveAdmin(account) && !IsActiveAdmin(changed) && !await OtherActiveAdminAsync(accounts, account, context.RequestAborted))
        {
            return LastAdmin(account.Email);
        }

        await accounts.SaveAsync(changed, context.RequestAborted);
        return TypedResults.Ok(AccountView.Of(changed));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string email, IAccountStore accounts)
    {
        var account = await accounts.FindAsync(email, context.RequestAborted);
        if (account is null)
        {
            return NotFound(email);
        }

        if (IsActiveAdmin(account) && !await OtherActiveAdminAsync(accounts, account, context.RequestAborted))
        {
            return LastAdmin(account.Email);
        }

        return await accounts.DeleteAsync(email, context.RequestAborted) ? TypedResults.NoContent() : NotFound(email);
    }

    private static bool IsActiveAdmin(Account a) => a is { Role: DashboardRoles.Admin, Disabled: null };

    private static async Task<bool> OtherActiveAdminAsync(IAccountStore accounts, Account except, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(cancellationToken)).Any(a => IsActiveAdmin(a) && AccountKeys.Of(a.Email) != AccountKeys.Of(except.Email));

    private static IResult? Broken(params (string Field, string? Problem)[] checks) =>
        checks.FirstOrDefault(c => c.Problem is not null) is { Problem: { } problem } c ? ApiJson.Bad(c.Field, problem) : null;

    private static IResult NotFound(string email) => TypedResults.NotFound(ApiJson.Error("not_found", $"no account has the email '{email}'", "email"));

    private static IResult LastAdmin(string email) => TypedResults.Conflict(ApiJson.Error("conflict",
        $"'{email}' is the last enabled admin: make another admin first", "role"));
}

/// <summary>POST /api/admin/users. agent is an xAPI Agent object with one identifier.</summary>
public sealed record CreateAccount(string Email, string Name, string Role, string Password, JsonNode? Agent);

/// <summary>PATCH /api/admin/users/{email}: only the fields present change; "agent": null removes the agent.</summary>
public sealed record PatchAccount(string? Name, string? Role, string? Password, JsonNode? Agent, bool? Disabled);

/// <summary>An account as admins see it (never its password hash).</summary>
public sealed record AccountView(string Email, string Name, string Role, JsonNode? Agent, bool Disabled, DateTimeOffset Created)
{
    public static AccountView Of(Account a) =>
        new(a.Email, a.Name, a.Role, a.Agent is null ? null : JsonNode.Parse(a.Agent), a.Disabled is not null, a.Created);
}

public sealed record AccountList(IReadOnlyList<AccountView> Users);
