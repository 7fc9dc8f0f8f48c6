namespace Lrs.Server.Auth;

/// <summary>
/// The dashboard's roles: admins manage accounts and see everything, managers see everything, learners see only
/// their own record and who to ask (<see cref="Analytics.AnalyticsAccess"/> enforces it).
/// </summary>
public static class DashboardRoles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Learner = "learner";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Learner];

    /// <summary>Role names are lower-case words compared as written (ordinal).</summary>
    public static bool IsKnown(string? role) => role is Admin or Manager or Learner;
}
