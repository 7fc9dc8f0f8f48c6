using Lrs.Xapi.Statements;

namespace Lrs.Xapi.Tests.Statements;

public class StatementIndexerTests
{
    private const char Sep = '\u001f';

    [Fact]
    public void A_simple_statement_indexes_its_actor_verb_and_activity()
    {
        var index = StatementIndexer.Build(Fixture.Statement("simple"));

        Assert.Equal(["mbox:mailto:ada@example.com"], index.Agents);
        Assert.Equal(["mbox:mailto:ada@example.com"], index.RelatedAgents);
        Assert.Equal("http://adlnet.gov/expapi/verbs/completed", index.Verb);
        Assert.Equal(["https://lms.example.com/courses/analytical-engines"], index.Activities);
        Assert.Equal(["https://lms.example.com/courses/analytical-engines"], index.RelatedActivities);
        Assert.Null(index.Registration);
    }

    [Fact]
    public void Related_agents_and_activities_reach_into_the_context()
    {
        var index = StatementIndexer.Build(Fixture.Statement("full"));

        var actor = "account:https://lms.example.com" + Sep + "ghopper";
        Assert.Equal([actor], index.Agents);
        Assert.Equivalent(
            new[]
            {
                actor,
                "sha1:c1a0e8a4f4c4f0d3c3f1d1a2b5e6f7a8b9c0d1e2",
                "mbox:mailto:grace@example.com",
                "openid:https://openid.example.com/kathleen",
            },
            index.RelatedAgents,
            strict: true);
        Assert.Equal(["https://lms.example.com/quizzes/compilers/q1"], index.Activities);
        Assert.Equivalent(
            new[]
            {
                "https://lms.example.com/quizzes/compilers/q1",
                "https://lms.example.com/quizzes/compilers",
                "https://lms.example.com/courses/programming-history",
                "https://w3id.org/xapi/cmi5/context/categories/moveon",
                "https://lms.example.com/tags/compilers",
            },
            index.RelatedActivities,
            strict: true);
        Assert.Equal(new Guid("0b3c5d7e-9f1a-4b2c-8d3e-5f6a7b8c9d0e"), index.Registration);
    }

    [Fact]
    public void A_group_actor_matches_by_its_members_and_a_group_object_by_its_identifier()
    {
        var index = StatementIndexer.Build(Fixture.Statement("group-actor"));

        var expected = new[]
        {
            "mbox:mailto:zoe@example.com",
            "sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9",
            "account:https://lms.example.com" + Sep + "yann",
            "openid:https://openid.example.com/groups/reviewers",
        };
        Assert.Equivalent(expected, index.Agents, strict: true);
        Assert.Equivalent(expected, index.RelatedAgents, strict: true);
        Assert.Empty(index.Activities);
        Assert.Empty(index.RelatedActivities);
    }

    [Fact]
    public void The_authority_is_a_related_agent_only()
    {
        var s = Fixture.Statement("simple", x => x["authority"] = Fixture.Obj("""{ "mbox": "mailto:lrs@example.com" }"""));

        var index = StatementIndexer.Build(s);

        Assert.DoesNotContain("mbox:mailto:lrs@example.com", index.Agents);
        Assert.Contains("mbox:mailto:lrs@example.com", index.RelatedAgents);
    }

    [Fact]
    public void A_sub_statement_adds_only_related_agents_and_activities()
    {
        var index = StatementIndexer.Build(Fixture.Statement("substatement"));

        Assert.Equal(["mbox:mailto:mentor@example.com"], index.Agents);
        Assert.Equivalent(
            new[] { "mbox:mailto:mentor@example.com", "mbox:mailto:learner@example.com", "mbox:mailto:trainer@example.com" },
            index.RelatedAgents,
            strict: true);
        Assert.Empty(index.Activities);
        Assert.Equivalent(
            new[]
            {
                "https://lms.example.com/programmes/mentoring",
                "https://lms.example.com/sessions/onboarding",
                "https://lms.example.com/programmes/onboarding",
            },
            index.RelatedActivities,
            strict: true);
    }

    [Fact]
    public void An_agent_object_inside_a_sub_statement_is_a_related_agent()
    {
        var s = Fixture.Statement("substatement", x => x["object"]!["object"] = Fixture.Obj("""{ "objectType": "Agent", "mbox": "mailto:peer@example.com" }"""));

        var index = StatementIndexer.Build(s);

        Assert.Contains("mbox:mailto:peer@example.com", index.RelatedAgents);
        Assert.DoesNotContain("mbox:mailto:peer@example.com", index.Agents);
        Assert.DoesNotContain("https://lms.example.com/sessions/onboarding", index.RelatedActivities);
    }

    [Fact]
    public void Context_agents_and_groups_are_related_agents()
    {
        var index = StatementIndexer.Build(Fixture.Statement("context-agents-2.0"));

        Assert.Equal(["mbox:mailto:asker@example.com"], index.Agents);
        Assert.Equivalent(
            new[] { "mbox:mailto:asker@example.com", "mbox:mailto:helper@example.com", "account:https://hr.example.com" + Sep + "team-data" },
            index.RelatedAgents,
            strict: true);
    }

    [Fact]
    public void An_agent_object_is_indexed_as_an_agent()
    {
        var s = Fixture.Statement("simple", x => x["object"] = Fixture.Obj("""{ "objectType": "Agent", "mbox": "mailto:bob@example.com" }"""));

        var index = StatementIndexer.Build(s);

        Assert.Equal(["mbox:mailto:ada@example.com", "mbox:mailto:bob@example.com"], index.Agents);
        Assert.Empty(index.Activities);
    }

    [Fact]
    public void A_statement_ref_object_indexes_no_activity()
    {
        var index = StatementIndexer.Build(Fixture.Statement("voiding"));

        Assert.Empty(index.Activities);
        Assert.Empty(index.RelatedActivities);
        Assert.Equal("http://adlnet.gov/expapi/verbs/voided", index.Verb);
    }

    [Fact]
    public void An_agent_met_twice_is_indexed_once()
    {
        var s = Fixture.Statement("simple", x =>
        {
            x["context"] = Fixture.Obj("""{ "instructor": { "mbox": "mailto:ada@example.com" }, "contextActivities": { "parent": [{ "id": "https://lms.example.com/courses/analytical-engines" }] } }""");
            x["authority"] = Fixture.Obj("""{ "mbox": "mailto:ada@example.com" }""");
        });

        var index = StatementIndexer.Build(s);

        Assert.Equal(["mbox:mailto:ada@example.com"], index.RelatedAgents);
        Assert.Equal(["https://lms.example.com/courses/analytical-engines"], index.RelatedActivities);
    }

    [Fact]
    public void A_mixed_case_mbox_sha1sum_is_indexed_in_lower_case()
    {
        var s = Fixture.Statement("simple", x => x["actor"] = Fixture.Obj("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }"""));

        Assert.Equal(["sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9"], StatementIndexer.Build(s).Agents);
    }
}
