using Lrs.Xapi.Model;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Model;

public class IfiTests
{
    private const char Sep = '\u001f';

    [Theory]
    [InlineData("""{ "mbox": "mailto:ada@example.com" }""", "mbox:mailto:ada@example.com")]
    [InlineData("""{ "mbox": "MAILTO:Ada@Example.com" }""", "mbox:mailto:Ada@example.com")]
    [InlineData("""{ "mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" }""", "sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9")]
    [InlineData("""{ "openid": "https://openid.example.com/Ada" }""", "openid:https://openid.example.com/Ada")]
    [InlineData("""{ "objectType": "Group", "name": "g", "openid": "https://openid.example.com/g", "member": [{ "mbox": "mailto:m@example.com" }] }""", "openid:https://openid.example.com/g")]
    public void The_key_names_the_kind_of_identifier_and_its_value(string actor, string expected) =>
        Assert.Equal(expected, Ifi.KeyOf(Fixture.Obj(actor)));

    [Fact]
    public void An_account_key_joins_home_page_and_name_with_a_separator() =>
        Assert.Equal(
            "account:https://lms.example.com" + Sep + "ada:1",
            Ifi.KeyOf(Fixture.Obj("""{ "account": { "homePage": "https://lms.example.com", "name": "ada:1" } }""")));

    [Fact]
    public void Accounts_that_differ_only_in_where_the_name_starts_have_different_keys()
    {
        var a = Ifi.KeyOf(Fixture.Obj("""{ "account": { "homePage": "https://lms.example.com/a", "name": "b" } }"""));
        var b = Ifi.KeyOf(Fixture.Obj("""{ "account": { "homePage": "https://lms.example.com/", "name": "ab" } }"""));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void An_anonymous_group_and_non_objects_have_no_key()
    {
        Assert.Null(Ifi.KeyOf(Fixture.Obj("""{ "objectType": "Group", "member": [{ "mbox": "mailto:m@example.com" }] }""")));
        Assert.Null(Ifi.KeyOf(new JValue("mailto:ada@example.com")));
        Assert.Null(Ifi.KeyOf(null));
    }

    [Fact]
    public void An_agent_yields_its_own_key_only() =>
        Assert.Equal(["mbox:mailto:ada@example.com"], Ifi.KeysWithMembers(Fixture.Obj("""{ "mbox": "mailto:ada@example.com" }""")));

    [Fact]
    public void An_identified_group_yields_its_key_then_its_members() =>
        Assert.Equal(
            ["openid:https://openid.example.com/g", "mbox:mailto:a@example.com", "sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9"],
            Ifi.KeysWithMembers(Fixture.Obj("""
                { "objectType": "Group", "openid": "https://openid.example.com/g",
                  "member": [{ "mbox": "mailto:a@example.com" }, { "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }] }
                """)));

    [Fact]
    public void An_anonymous_group_yields_its_members() =>
        Assert.Equal(
            ["mbox:mailto:a@example.com", "mbox:mailto:b@example.com"],
            Ifi.KeysWithMembers(Fixture.Obj("""{ "objectType": "Group", "member": [{ "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" }] }""")));

    [Fact]
    public void Nothing_yields_nothing() => Assert.Empty(Ifi.KeysWithMembers(null));

    [Theory]
    [InlineData("mbox:mailto:ada@example.com", """{ "objectType": "Agent", "mbox": "mailto:ada@example.com" }""")]
    [InlineData("sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9", """{ "objectType": "Agent", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }""")]
    [InlineData("openid:https://openid.example.com/ada", """{ "objectType": "Agent", "openid": "https://openid.example.com/ada" }""")]
    [InlineData("account:https://lms.example.com:8443/x\u001fada:1", """{ "objectType": "Agent", "account": { "homePage": "https://lms.example.com:8443/x", "name": "ada:1" } }""")]
    public void A_key_turns_back_into_an_agent_with_that_identifier(string key, string agent)
    {
        var back = Ifi.ToAgent(key);

        Assert.True(JToken.DeepEquals(Fixture.Obj(agent), back), back.ToString());
        Assert.Equal(key, Ifi.KeyOf(back));
    }
}
