namespace Lrs.Analytics.Metrics;

/// <summary>
/// GET /api/analytics/health-report: what the rules did not recognise, so L&amp;D can tune the rules file. Experiential
/// is the class a statement gets when no rule matches, so every experiential statement fell there by default.
/// </summary>
public sealed record ClassificationHealth(
    long Statements,
    long Experiential,
    long WithoutTopic,
    IReadOnlyList<VerbCount> ExperientialVerbs,
    IReadOnlyList<ActivityTypeCount> ExperientialActivityTypes,
    IReadOnlyList<ClassVerbCount> WithoutTopicVerbs);

public sealed record VerbCount(string Verb, long Statements);

/// <summary>Experiential statements per object activity type (null: the LRS holds no type for those activities).</summary>
public sealed record ActivityTypeCount(string? Type, long Activities, long Statements, IReadOnlyList<string> Examples);

public sealed record ClassVerbCount(string Verb, string Class, long Statements);

/// <summary>Experiential statements on one object activity, before its type is looked up.</summary>
public sealed record ActivityCount(string Activity, long Statements);

/// <summary>The report as the projection alone can give it: experiential activities are listed by id, not yet by type.</summary>
public sealed record ClassificationCounts(
    long Statements,
    long Experiential,
    long WithoutTopic,
    IReadOnlyList<VerbCount> ExperientialVerbs,
    IReadOnlyList<ActivityCount> ExperientialActivities,
    IReadOnlyList<ClassVerbCount> WithoutTopicVerbs)
{
    /// <summary>
    /// The report with activities grouped by the type the LRS holds for each (the projection keeps no types): most
    /// statements first, ties by type, an untyped group last among equals; up to three example activities per type.
    /// </summary>
    public ClassificationHealth WithTypes(Func<string, string?> typeOf)
    {
        var types = ExperientialActivities
            .GroupBy(a => typeOf(a.Activity), StringComparer.Ordinal)
            .Select(g => new ActivityTypeCount(g.Key, g.LongCount(), g.Sum(a => a.Statements), g.Take(3).Select(a => a.Activity).ToList()))
            .OrderByDescending(t => t.Statements).ThenBy(t => t.Type is null).ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToList();
        return new ClassificationHealth(Statements, Experiential, WithoutTopic, ExperientialVerbs, types, WithoutTopicVerbs);
    }
}
