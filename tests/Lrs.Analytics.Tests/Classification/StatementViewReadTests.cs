using Lrs.Analytics.Classification;
using Lrs.Analytics.Generator;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Classification;

/// <summary>
/// <see cref="StatementView.Read"/> builds only the parts of a statement its shape names; the view it gives must be
/// the one the whole statement gives, or the follower would classify, name or team a statement differently.
/// </summary>
public class StatementViewReadTests
{
    /// <summary>Everything a view holds, for comparing two (records compare lists by reference).</summary>
    private static string Canonical(StatementView v) => string.Join(" | ",
        v.Id, v.Verb, v.ActorKey, v.ActorName, v.ObjectType, v.Object, v.Voids,
        string.Join(", ", v.Parent), string.Join(", ", v.Grouping), string.Join(", ", v.Category), string.Join(", ", v.Other),
        string.Join(", ", v.ContextExtensionKeys), string.Join(", ", v.Teams), v.Timestamp?.ToString("O"));

    private static void AssertSameView(string json) =>
        Assert.Equal(Canonical(StatementView.Parse((JObject)XapiJson.Parse(json))), Canonical(StatementView.Read(json)));

    [Fact]
    public void Every_statement_of_a_generated_organisation_reads_as_it_parses_whole()
    {
        var statements = OrganisationGenerator.Generate(new GeneratorOptions { Seed = 11, Learners = 60, Courses = 3, Weeks = 8 })
            .Select(XapiJson.Serialize).ToList();

        Assert.True(statements.Count > 1000);
        Assert.All(statements, AssertSameView);
    }

    [Fact]
    public void Every_real_world_statement_reads_as_it_parses_whole()
    {
        var directory = RealWorldCorpus.Directory();
        if (directory is null)
        {
            Assert.Skip("the real-world statements (shared/data/real-world-statements) are not on this machine");
        }

        var statements = RealWorldCorpus.Statements(directory).Select(x => XapiJson.Serialize(x.Statement)).ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements, AssertSameView);
    }

    [Theory]
    // A Group actor with members, an object with a full definition, single-object context activities, nested extensions.
    [InlineData("""
        {"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a01","actor":{"objectType":"Group","name":"G","account":{"homePage":"https://h","name":"g"},
         "member":[{"mbox":"mailto:m@example.org","name":"M"}]},"verb":{"id":"https://v/asked","display":{"en":"asked","de":"fragte"}},
         "object":{"id":"https://q/1","definition":{"type":"http://adlnet.gov/expapi/activities/question","name":{"de":"Frage","en-GB":"Question"},
         "description":{"en":"d"},"interactionType":"choice","choices":[{"id":"a","description":{"en":"A"}}],"extensions":{"https://x":{"y":[1]}}}},
         "context":{"registration":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a02","contextActivities":{"parent":{"id":"https://c/1"},
         "category":[{"objectType":"Activity","id":"https://cat"}],"other":[{"id":"https://o","definition":{"name":{"fr":"Autre"}}}]},
         "extensions":{"https://e/1":{"deep":{"deeper":[{}]}},"https://e/2":null},"instructor":{"mbox":"mailto:i@example.org"}},
         "result":{"response":"r"},"timestamp":"2024-03-01T10:00:00+02:00","stored":"2024-03-01T08:00:01Z","version":"1.0.3"}
        """)]
    // An anonymous team known by its members, and 2.0 context groups (one naming the same team by IFI, one anonymous).
    [InlineData("""
        {"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a03","actor":{"mbox_sha1sum":"ABCDEF0123456789ABCDEF0123456789ABCDEF01"},"verb":{"id":"https://v/answered"},
         "object":{"objectType":"SubStatement","actor":{"mbox":"mailto:s@example.org"},"verb":{"id":"https://v/x"},"object":{"id":"https://a"}},
         "context":{"team":{"objectType":"Group","member":[{"mbox":"mailto:B@Example.org"},{"openid":"https://openid/a"}]},
         "contextGroups":[{"objectType":"ContextGroup","group":{"objectType":"Group","name":"Team","mbox":"mailto:team@example.org"},"relevantTypes":["https://t"]},
         {"group":{"objectType":"Group","member":[{"account":{"homePage":"https://h","name":"z"}}]}}]},"timestamp":"2024-03-01T10:00:00Z"}
        """)]
    // A voiding statement, and an Agent object.
    [InlineData("""{"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a04","actor":{"openid":"https://openid/b"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"objectType":"StatementRef","id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a01"}}""")]
    [InlineData("""{"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a05","actor":{"objectType":"Agent","mbox":"mailto:a@EXAMPLE.org"},"verb":{"id":"https://v/met"},"object":{"objectType":"Agent","mbox":"mailto:b@example.org"},"context":{}}""")]
    // Properties in another order than the LRS writes them: the object before the verb that makes it a voiding one,
    // the definition and objectType after the id, the preferred language last, timestamp first.
    [InlineData("""{"timestamp":"2024-03-01T10:00:00.123Z","object":{"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a01","objectType":"StatementRef"},"verb":{"display":{"en":"voided"},"id":"http://adlnet.gov/expapi/verbs/voided"},"actor":{"name":"N","mbox":"mailto:n@example.org"},"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a06"}""")]
    [InlineData("""{"object":{"definition":{"name":{"de":"Kurs","en-GB":"Course (GB)","en":"Course","en-US":"Course (US)"},"type":"https://t/course"},"id":"https://c/2","objectType":"Activity"},"verb":{"id":"https://v/completed"},"actor":{"account":{"name":"u","homePage":"https://h"}},"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a07"}""")]
    // Lists holding what is not an activity (left out), a name map without a string, an empty definition, comments.
    [InlineData("""{"id":"6a1c6f62-5a43-4d42-9b7e-1f1f6c1d0a08",/* c */"actor":{"mbox":"mailto:c@example.org"},"verb":{"id":"https://v/shared"},"object":{"id":"https://s","definition":{}},"context":{"contextActivities":{"parent":[7,{"objectType":"Agent","mbox":"mailto:x@example.org"},{"id":"https://p","definition":{"name":{"en":null,"fr":"P"}}}],"grouping":[],"other":"x"},"extensions":{}}}""")]
    public void Statements_with_every_part_the_view_reads_read_as_they_parse_whole(string json) => AssertSameView(json);
}
