namespace Lrs.Server.Auth;

/// <summary>What makes an account's email, name and password acceptable; each check answers null or the rule broken.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;

    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "email is required"
        : email.Length > 254 || email.Any(char.IsWhiteSpace) || email.IndexOf('@', StringComparison.Ordinal) is var at && (at < 1 || at != email.LastIndexOf('@') || at == email.Length - 1)
            ? "email must be an address like ann@example.org (one @, no spaces, at most 254 characters)"
            : null;

    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 200 ? "name is required, at most 200 characters" : null;

    public static string? Password(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > 1024
            ? $"password must have {MinPasswordLength} to 1024 characters"
            : null;

    public static string? Role(string? role) =>
        DashboardRoles.IsKnown(role) ? null : "role must be admin, manager or learner";
}
