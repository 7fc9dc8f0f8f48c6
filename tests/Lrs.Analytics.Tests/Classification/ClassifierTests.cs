using Lrs.Analytics.Classification;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Classification;

/// <summary>Every default classification rule, in the order the rules file applies them.</summary>
public sealed class ClassifierTests
{
    private static readonly StatementClassifier Classifier = new(AnalyticsRules.Default);

    private static StatementClass Classify(Stmt s, Dictionary<string, JObject>? held = null) =>
        Classifier.Classify(StatementView.Parse(s.Build()).WithHeldDefinitions(id => ActivityRef.Held(id, held?.GetValueOrDefault(id))));

    [Theory]
    [InlineData(Iri.Voided)]
    [InlineData("https://w3id.org/xapi/adl/verbs/logged-in")]
    [InlineData("https://w3id.org/xapi/adl/verbs/logged-out")]
    public void System_verbs_make_a_statement_system(string verb) =>
        Assert.Equal(StatementClass.System, Classify(Stmt.By("ann").Did(verb).OnActivity("http://lms.example.org")));

    [Fact]
    public void A_system_verb_wins_over_a_social_object_type() =>
        Assert.Equal(StatementClass.System, Classify(Stmt.By("ann").Did(Iri.LoggedIn).OnActivity("http://forum/1", Iri.Discussion)));

    [Theory]
    [InlineData(Iri.Cmi5Category)]
    [InlineData(Iri.ScormCategory)]
    public void A_formal_marker_category_makes_a_social_verb_on_an_activity_formal(string category) =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Commented).OnActivity("http://x/page")
            .Category(Stmt.Activity(category))));

    [Fact]
    public void The_cmi5_session_extension_is_a_formal_marker() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/au")
            .Extension(Iri.Cmi5Session, "s-1")));

    [Theory]
    [InlineData(Iri.Course)]
    [InlineData("http://adlnet.gov/expapi/activities/module")]
    [InlineData(Iri.Lesson)]
    [InlineData(Iri.Assessment)]
    [InlineData(Iri.Interaction)]
    [InlineData("http://adlnet.gov/expapi/activities/objective")]
    [InlineData(Iri.Cmi5Course)]
    [InlineData(Iri.Cmi5Block)]
    public void An_object_of_a_formal_type_is_formal_whatever_the_verb(string type) =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/a", type)));

    [Fact]
    public void A_parent_of_a_formal_type_is_a_formal_marker() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/page")
            .Parent(Stmt.Activity("http://x/other"), Stmt.Activity("http://x/course", Iri.Course))));

    [Fact]
    public void A_grouping_of_a_formal_type_is_not_a_formal_marker() =>
        Assert.Equal(StatementClass.Experiential, Classify(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/page")
            .Grouping(Stmt.Activity("http://x/course", Iri.Course))));

    [Fact]
    public void A_quiz_answered_inside_a_course_is_formal() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Answered).OnActivity("http://x/q1", Iri.Interaction)
            .Parent(Stmt.Activity("http://x/quiz", Iri.Assessment))));

    [Fact]
    public void Answered_on_a_forum_question_is_social() =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did(Iri.Answered).OnActivity("http://forum/q1", Iri.Question)));

    [Fact]
    public void Viewing_a_discussion_inside_a_course_is_social_because_of_the_object_type() =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did("http://id.tincanapi.com/verb/viewed")
            .OnActivity("http://forum/d1", Iri.Discussion).Parent(Stmt.Activity("http://x/course", Iri.Course))
            .Category(Stmt.Activity(Iri.Cmi5Category))));

    [Theory]
    [InlineData("http://activitystrea.ms/schema/1.0/question")]
    [InlineData("http://activitystrea.ms/comment")]
    [InlineData("http://id.tincanapi.com/activitytype/forum-reply")]
    [InlineData("http://id.tincanapi.com/activitytype/chat-message")]
    [InlineData("https://w3id.org/xapi/acrossx/activities/online-discussion")]
    [InlineData("https://w3id.org/xapi/acrossx/activities/message")]
    public void An_object_of_a_social_type_is_social_whatever_the_verb(string type) =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did(Iri.Launched).OnActivity("http://forum/x", type)));

    [Fact]
    public void A_social_verb_on_an_agent_is_social_even_with_a_formal_marker() =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did("http://id.tincanapi.com/verb/mentored").OnAgent("bob")
            .Category(Stmt.Activity(Iri.Cmi5Category))));

    [Fact]
    public void A_social_verb_without_a_formal_marker_is_social() =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did("http://adlnet.gov/expapi/verbs/shared").OnActivity("http://x/article")));

    [Fact]
    public void A_social_verb_on_an_activity_with_a_formal_marker_is_formal() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did("http://adlnet.gov/expapi/verbs/shared").OnActivity("http://x/lesson", Iri.Lesson)));

    [Theory]
    [InlineData("http://activitystrea.ms/schema/1.0/like")]
    [InlineData("http://activitystrea.ms/like")]
    [InlineData("http://activitystrea.ms/schema/1.0/follow")]
    [InlineData("http://activitystrea.ms/follow")]
    [InlineData("https://w3id.org/xapi/acrossx/verbs/posted")]
    [InlineData("https://w3id.org/xapi/adb/verbs/coached")]
    [InlineData("http://id.tincanapi.com/verb/replied")]
    public void Activity_streams_and_other_social_verbs_count_in_both_forms(string verb) =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did(verb).OnActivity("http://x/post")));

    [Theory]
    [InlineData(Iri.Launched)]
    [InlineData(Iri.Completed)]
    [InlineData(Iri.Passed)]
    [InlineData("http://adlnet.gov/expapi/verbs/progressed")]
    [InlineData("https://w3id.org/xapi/adl/verbs/abandoned")]
    [InlineData(Iri.Satisfied)]
    public void A_formal_verb_without_a_marker_is_formal(string verb) =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(verb).OnActivity("http://x/thing")));

    [Fact]
    public void Anything_else_is_experiential() =>
        Assert.Equal(StatementClass.Experiential, Classify(Stmt.By("ann").Did(Iri.Read).OnActivity("http://wiki/article", Iri.Article)));

    [Fact]
    public void A_type_the_statement_leaves_out_comes_from_the_definition_the_lrs_holds()
    {
        var held = new Dictionary<string, JObject> { ["http://x/course"] = new() { ["type"] = Iri.Course } };
        var statement = Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/course");
        Assert.Equal(StatementClass.Experiential, Classify(statement));
        Assert.Equal(StatementClass.Formal, Classify(statement, held));
    }

    [Fact]
    public void The_statements_own_type_wins_over_the_held_definition()
    {
        var held = new Dictionary<string, JObject> { ["http://forum/q"] = new() { ["type"] = Iri.Interaction } };
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://forum/q", Iri.Question), held));
    }

    // Rules added to the defaults because of the real-world corpus (Rules/README.md says why).

    [Fact]
    public void A_quiz_answer_on_a_cmi_interaction_without_any_context_is_formal() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did(Iri.Answered).OnActivity("http://h5p/q1", "http://adlnet.gov/expapi/activities/cmi.interaction")));

    [Theory]
    [InlineData("https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login")]
    [InlineData("https://brindlewaye.com/xAPITerms/verbs/loggedout/")]
    public void Moodle_logins_and_logouts_are_system(string verb) =>
        Assert.Equal(StatementClass.System, Classify(Stmt.By("ann").Did(verb).OnActivity("http://moodle", "http://id.tincanapi.com/activitytype/lms")));

    [Fact]
    public void Attending_a_scheduled_session_is_formal() =>
        Assert.Equal(StatementClass.Formal, Classify(Stmt.By("ann").Did("http://adlnet.gov/expapi/verbs/attended").OnActivity("http://x/meeting", "http://adlnet.gov/expapi/activities/meeting")));

    [Fact]
    public void Viewing_a_moodle_forum_inside_a_course_is_social() =>
        Assert.Equal(StatementClass.Social, Classify(Stmt.By("ann").Did("http://id.tincanapi.com/verb/viewed")
            .OnActivity("http://moodle/forum/1", "https://xapi.edlm/profiles/edlm-lms/concepts/activity-types/forum")
            .Parent(Stmt.Activity("http://moodle/course/1", Iri.Cmi5Course))));
}
