using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Support;

/// <summary>Statements about one topic (a course), for hand-worked metric examples.</summary>
internal static class On
{
    public const string Topic = "http://lms.example.org/courses/safety";
    public const string OtherTopic = "http://lms.example.org/courses/other";

    public static JObject Course(string id = Topic) => Stmt.Activity(id, Iri.Course);

    /// <summary>A formal completion of the topic (verb completed, passed or satisfied).</summary>
    public static Stmt Completion(string who, string when, string verb = Iri.Completed, string topic = Topic) =>
        Stmt.By(who).Did(verb).On(Course(topic)).At(when);

    /// <summary>A social statement on the topic: a comment in the course's forum.</summary>
    public static Stmt Social(string who, string when, string topic = Topic) =>
        Stmt.By(who).Did(Iri.Commented).OnActivity("http://forum.example.org/posts/" + who, Iri.Discussion).Grouping(Course(topic)).At(when);

    /// <summary>A formal statement on the topic that is not a completion: a lesson launched inside it.</summary>
    public static Stmt Formal(string who, string when, string topic = Topic) =>
        Stmt.By(who).Did(Iri.Launched).OnActivity(topic + "/lesson-1", Iri.Lesson).Parent(Course(topic)).At(when);

    public static Stmt Experiential(string who, string when, string topic = Topic) =>
        Stmt.By(who).Did(Iri.Read).OnActivity("http://wiki.example.org/page", Iri.Article).Grouping(Course(topic)).At(when);

    public static Stmt Ask(string who, string question, string when, string topic = Topic) =>
        Stmt.By(who).Did(Iri.Asked).OnActivity(question, Iri.Question, "Question " + question[^2..]).Grouping(Course(topic)).At(when);

    public static Stmt Answer(string who, string question, string when, string topic = Topic) =>
        Stmt.By(who).Did(Iri.Answered).OnActivity(question, Iri.Question).Grouping(Course(topic)).At(when);
}
