using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Classification;

/// <summary>
/// Gives a statement its class by the rules, tried in order, first match wins: system, social, formal, else
/// experiential. Activity types must already be completed from the LRS's definitions (<see cref="StatementView.WithHeldDefinitions"/>).
/// </summary>
public sealed class StatementClassifier(AnalyticsRules rules)
{
    public StatementClass Classify(StatementView s)
    {
        if (rules.SystemVerbs.Contains(s.Verb))
        {
            return StatementClass.System;
        }

        var marked = HasFormalMarker(s);
        if (IsOfType(s.Object, rules.SocialActivityTypes) ||
            (rules.SocialVerbs.Contains(s.Verb) && (s.ObjectType is "Agent" or "Group" || !marked)))
        {
            return StatementClass.Social;
        }

        return marked || rules.FormalVerbs.Contains(s.Verb) ? StatementClass.Formal : StatementClass.Experiential;
    }

    public bool HasFormalMarker(StatementView s) =>
        s.Category.Any(c => rules.FormalMarkerCategories.Contains(c.Id)) ||
        s.ContextExtensionKeys.Any(rules.FormalMarkerContextExtensions.Contains) ||
        IsOfType(s.Object, rules.FormalMarkerActivityTypes) ||
        s.Parent.Any(p => IsOfType(p, rules.FormalMarkerActivityTypes));

    private static bool IsOfType(ActivityRef? activity, IReadOnlySet<string> types) =>
        activity?.Type is { } type && types.Contains(type);
}
