using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>Statements the analytics classify: a course completion, and a question and its answer on the course's topic.</summary>
public static class TopicStatements
{
    private const string Adl = "http://adlnet.gov/expapi/verbs/";

    public static JObject Completed(string mbox, string course, string when) =>
        Make(mbox, Adl + "completed", Activity(course, "http://adlnet.gov/expapi/activities/course", "Course " + course[^6..]), when, null);

    public static JObject Asked(string mbox, string question, string course, string when) =>
        Make(mbox, Adl + "asked", Activity(question, "http://activitystrea.ms/schema/1.0/question", "A question"), when, course);

    public static JObject Answered(string mbox, string question, string course, string when) =>
        Make(mbox, Adl + "answered", Activity(question, "http://activitystrea.ms/schema/1.0/question", "A question"), when, course);

    private static JObject Activity(string id, string type, string name) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = id,
        ["definition"] = new JObject { ["type"] = type, ["name"] = new JObject { ["en-US"] = name } },
    };

    private static JObject Make(string mbox, string verb, JObject activity, string when, string? course)
    {
        var statement = new JObject
        {
            ["actor"] = Statements.Agent(mbox, "Person " + mbox[7..12]),
            ["verb"] = new JObject { ["id"] = verb, ["display"] = new JObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..] } },
            ["object"] = activity,
            ["timestamp"] = when,
        };
        if (course is not null)
        {
            statement["context"] = new JObject
            {
                ["contextActivities"] = new JObject { ["grouping"] = new JArray(Activity(course, "http://adlnet.gov/expapi/activities/course", "Course " + course[^6..])) },
            };
        }

        return statement;
    }
}
