using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Tests.Classification;

public sealed class RulesTests
{
    [Fact]
    public void The_default_rules_hold_the_lists_of_the_issue()
    {
        var rules = AnalyticsRules.Default;
        // The issue's 3, plus the login/logout verbs Moodle's plugin emits (4).
        Assert.Equal(3 + 4, rules.SystemVerbs.Count);
        // The issue's 8 types, plus cmi.interaction, the type real quiz questions carry.
        Assert.Equal(8 + 1, rules.FormalMarkerActivityTypes.Count);
        // 4 ADL + 8 TinCan + 2 acrossx + 1 adb + 8 Activity Streams verbs in two forms each.
        Assert.Equal(4 + 8 + 2 + 1 + 16, rules.SocialVerbs.Count);
        // 3 Activity Streams types in two forms, 7 TinCan, 3 acrossx, plus Moodle 5's forum type.
        Assert.Equal(6 + 7 + 3 + 1, rules.SocialActivityTypes.Count);
        // 15 ADL + 3 ADL-profile verbs, plus ADL 'attended'.
        Assert.Equal(15 + 3 + 1, rules.FormalVerbs.Count);
        Assert.Equal(2, rules.CourseTypes.Count);
    }

    [Fact]
    public void An_operator_file_extends_the_defaults_unless_it_says_none()
    {
        var extended = AnalyticsRules.Parse("""{"social": {"verbs": ["http://example.org/verbs/pinged"]}}""", null);
        Assert.Contains("http://example.org/verbs/pinged", extended.SocialVerbs);
        Assert.Contains("http://adlnet.gov/expapi/verbs/asked", extended.SocialVerbs);

        var replaced = AnalyticsRules.Parse("""{"extends": "none", "social": {"verbs": ["http://example.org/verbs/pinged"]}}""", null);
        Assert.Equal(["http://example.org/verbs/pinged"], replaced.SocialVerbs);
        Assert.Empty(replaced.SystemVerbs);
    }

    [Fact]
    public void Verbs_compare_ordinally_so_case_matters() =>
        Assert.DoesNotContain("http://adlnet.gov/expapi/verbs/ASKED", AnalyticsRules.Default.SocialVerbs);

    [Fact]
    public void A_malformed_list_is_refused_naming_the_field()
    {
        var e = Assert.Throws<RulesException>(() => AnalyticsRules.Parse("""{"formal": {"verbs": "http://x"}}""", "rules.json"));
        Assert.Contains("formal.verbs", e.Message, StringComparison.Ordinal);
        Assert.Contains("rules.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_of_an_alias_is_refused()
    {
        var e = Assert.Throws<RulesException>(() => AnalyticsRules.Parse("""{"topics": {"aliases": {"http://a": "http://b", "http://b": "http://c"}}}""", null));
        Assert.Contains("topics.aliases", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_changes_with_the_rules_and_only_with_them()
    {
        var same = AnalyticsRules.Parse("""{"formal": {"verbs": []}}""", null);
        var other = AnalyticsRules.Parse("""{"formal": {"verbs": ["http://example.org/verbs/drilled"]}}""", null);
        Assert.Equal(AnalyticsRules.Default.Fingerprint, same.Fingerprint);
        Assert.NotEqual(AnalyticsRules.Default.Fingerprint, other.Fingerprint);
    }
}
