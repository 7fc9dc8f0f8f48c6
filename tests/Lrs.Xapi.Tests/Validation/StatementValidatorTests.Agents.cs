using Lrs.Xapi.Errors;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    private static JObject WithActor(string actorJson) => Simple("", "actor", Fixture.Obj(actorJson));

    [Theory]
    [InlineData("""{ "mbox": "mailto:a@example.com" }""")]
    [InlineData("""{ "objectType": "Agent", "mbox": "MAILTO:a@example.com" }""")]
    [InlineData("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""")]
    [InlineData("""{ "openid": "https://openid.example.com/a" }""")]
    [InlineData("""{ "account": { "homePage": "https://lms.example.com", "name": "a" } }""")]
    [InlineData("""{ "objectType": "Group", "account": { "homePage": "https://lms.example.com", "name": "g" } }""")]
    [InlineData("""{ "objectType": "Group", "mbox": "mailto:g@example.com", "member": [{ "mbox": "mailto:a@example.com" }] }""")]
    [InlineData("""{ "objectType": "Group", "member": [] }""")]
    public void Agents_and_groups_identified_as_the_spec_allows_are_valid(string actor) => Accepts(WithActor(actor));

    [Theory]
    [InlineData("""{ "name": "Nobody" }""")]
    [InlineData("""{ "mbox": "mailto:a@example.com", "openid": "https://openid.example.com/a" }""")]
    [InlineData("""{ "objectType": "Agent", "mbox": "mailto:a@example.com", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")]
    public void An_agent_needs_exactly_one_inverse_functional_identifier(string actor) =>
        AssertRejected(WithActor(actor), "actor", "an Agent must have exactly one inverse functional identifier");

    [Theory]
    [InlineData("""{ "mbox": "a@example.com" }""", "actor.mbox", "must be a mailto IRI")]
    [InlineData("""{ "mbox": "mailto:nobody" }""", "actor.mbox", "must be a mailto IRI")]
    [InlineData("""{ "mbox": 7 }""", "actor.mbox", "must be a string")]
    [InlineData("""{ "mbox_sha1sum": "not-a-hash" }""", "actor.mbox_sha1sum", "40 hex digit SHA-1")]
    [InlineData("""{ "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee" }""", "actor.mbox_sha1sum", "40 hex digit SHA-1")]
    [InlineData("""{ "openid": "openid.example.com/a" }""", "actor.openid", "absolute IRI")]
    [InlineData("""{ "account": "lms:a" }""", "actor.account", "must be an object with homePage and name")]
    [InlineData("""{ "account": { "name": "a" } }""", "actor.account.homePage", "is required")]
    [InlineData("""{ "account": { "homePage": "lms.example.com", "name": "a" } }""", "actor.account.homePage", "must be an IRL")]
    [InlineData("""{ "account": { "homePage": "https://lms.example.com" } }""", "actor.account.name", "is required")]
    [InlineData("""{ "account": { "homePage": "https://lms.example.com", "name": 5 } }""", "actor.account.name", "must be a string")]
    [InlineData("""{ "account": { "homePage": "https://lms.example.com", "name": "a", "id": 1 } }""", "actor.account.id", "not an allowed property")]
    [InlineData("""{ "mbox": "mailto:a@example.com", "name": ["Ada"] }""", "actor.name", "must be a string")]
    [InlineData("""{ "mbox": "mailto:a@example.com", "member": [] }""", "actor.member", "not an allowed property")]
    [InlineData("""{ "objectType": "Person", "mbox": "mailto:a@example.com" }""", "actor.objectType", "must be Agent or Group")]
    [InlineData("""{ "objectType": "agent", "mbox": "mailto:a@example.com" }""", "actor.objectType", "must be Agent or Group")]
    public void Malformed_agents_are_rejected_at_the_failing_property(string actor, string path, string rule) =>
        AssertRejected(WithActor(actor), path, rule);

    [Fact]
    public void The_actor_must_be_an_object() =>
        AssertRejected(Simple("", "actor", "mailto:a@example.com"), "actor", "must be an Agent or Group object");

    [Fact]
    public void An_anonymous_group_must_list_its_members() =>
        AssertRejected(WithActor("""{ "objectType": "Group", "name": "Nobody in particular" }"""), "actor.member", "must list its members");

    [Fact]
    public void A_group_must_not_have_two_inverse_functional_identifiers() =>
        AssertRejected(
            WithActor("""{ "objectType": "Group", "mbox": "mailto:g@example.com", "openid": "https://openid.example.com/g" }"""),
            "actor",
            "must not have more than one inverse functional identifier");

    [Theory]
    [InlineData("""{ "objectType": "Group", "member": { "mbox": "mailto:a@example.com" } }""", "actor.member", "must be an array of Agents")]
    [InlineData("""{ "objectType": "Group", "member": [null] }""", "actor.member[0]", "a member must be an Agent object")]
    [InlineData("""{ "objectType": "Group", "member": [{ "mbox": "mailto:a@example.com" }, { "objectType": "Group", "mbox": "mailto:g@example.com" }] }""", "actor.member[1].objectType", "a Group's members must be Agents")]
    [InlineData("""{ "objectType": "Group", "member": [{ "mbox": "a@example.com" }] }""", "actor.member[0].mbox", "mailto")]
    [InlineData("""{ "objectType": "Group", "member": [{ "mbox": "mailto:a@example.com" }, { "name": "No IFI" }] }""", "actor.member[1]", "exactly one inverse functional identifier")]
    public void Group_members_are_validated_as_agents_with_their_index(string actor, string path, string rule) =>
        AssertRejected(WithActor(actor), path, rule);

    [Fact]
    public void A_group_as_object_is_validated_like_an_actor() =>
        AssertRejected(With("group-actor", "object", "openid", "not an iri"), "object.openid", "absolute IRI");

    [Fact]
    public void An_agent_authority_is_valid() =>
        Accepts(Simple("", "authority", Fixture.Obj("""{ "objectType": "Agent", "mbox": "mailto:lrs@example.com" }""")));

    [Fact]
    public void An_anonymous_authority_group_of_two_agents_is_valid() =>
        Accepts(Simple("", "authority", Fixture.Obj("""
            { "objectType": "Group", "member": [
                { "account": { "homePage": "https://oauth.example.com", "name": "app" } },
                { "mbox": "mailto:user@example.com" } ] }
            """)));

    [Fact]
    public void An_authority_group_must_be_anonymous() =>
        AssertRejected(
            Simple("", "authority", Fixture.Obj("""
                { "objectType": "Group", "mbox": "mailto:g@example.com", "member": [
                    { "mbox": "mailto:app@example.com" }, { "mbox": "mailto:user@example.com" } ] }
                """)),
            "authority",
            "must be anonymous");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_authority_group_must_have_exactly_two_members(int count)
    {
        var members = new JArray(Enumerable.Range(0, count).Select(i => new JObject { ["mbox"] = $"mailto:m{i}@example.com" }));

        AssertRejected(Simple("", "authority", new JObject { ["objectType"] = "Group", ["member"] = members }), "authority.member", "exactly two members");
    }

    [Fact]
    public void An_authority_is_validated_as_an_actor_first() =>
        AssertRejected(Simple("", "authority", Fixture.Obj("""{ "mbox": "lrs@example.com" }""")), "authority.mbox", "mailto");

    [Fact]
    public void An_agent_parameter_may_be_a_group_when_groups_are_allowed()
    {
        var group = Fixture.Obj("""{ "objectType": "Group", "account": { "homePage": "https://lms.example.com", "name": "g" } }""");

        Assert.Null(Record.Exception(() => StatementValidator.ValidateActor(group, XapiVersion.V103, "agent")));
    }

    [Fact]
    public void An_agent_parameter_names_the_parameter_in_its_path()
    {
        var e = Assert.Throws<ValidationException>(() =>
            StatementValidator.ValidateActor(Fixture.Obj("""{ "mbox": "nobody" }"""), XapiVersion.V200, "agent"));

        Assert.Equal("agent.mbox", e.Path);
    }

    [Fact]
    public void A_document_agent_must_not_be_a_group()
    {
        var group = Fixture.Obj("""{ "objectType": "Group", "mbox": "mailto:g@example.com" }""");

        var e = Assert.Throws<ValidationException>(() => StatementValidator.ValidateAgent(group, XapiVersion.V103, "agent"));

        Assert.Equal("agent.objectType", e.Path);
        Assert.Contains("must be Agent", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_agent_must_be_an_object()
    {
        var e = Assert.Throws<ValidationException>(() =>
            StatementValidator.ValidateAgent(new JValue("mailto:a@example.com"), XapiVersion.V103, "agent"));

        Assert.Equal("agent", e.Path);
        Assert.Contains("must be an Agent object", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_agent_needs_exactly_one_identifier()
    {
        var e = Assert.Throws<ValidationException>(() =>
            StatementValidator.ValidateAgent(Fixture.Obj("""{ "objectType": "Agent" }"""), XapiVersion.V103, "agent"));

        Assert.Equal("agent", e.Path);
        Assert.Contains("exactly one inverse functional identifier", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_document_agent_passes() =>
        Assert.Null(Record.Exception(() =>
            StatementValidator.ValidateAgent(Fixture.Obj("""{ "mbox": "mailto:a@example.com" }"""), XapiVersion.V103, "agent")));
}
