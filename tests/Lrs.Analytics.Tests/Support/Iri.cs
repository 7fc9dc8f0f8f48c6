namespace Lrs.Analytics.Tests.Support;

/// <summary>The verbs and activity types the tests use, named as the issue names them.</summary>
internal static class Iri
{
    public const string Adl = "http://adlnet.gov/expapi/verbs/";
    public const string AdlTypes = "http://adlnet.gov/expapi/activities/";
    public const string TinCanVerb = "http://id.tincanapi.com/verb/";
    public const string TinCanType = "http://id.tincanapi.com/activitytype/";
    public const string Cmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    public const string ScormCategory = "https://w3id.org/xapi/scorm";
    public const string Cmi5Session = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    public const string Cmi5Course = "https://w3id.org/xapi/cmi5/activitytype/course";
    public const string Cmi5Block = "https://w3id.org/xapi/cmi5/activitytype/block";

    public const string Completed = Adl + "completed";
    public const string Passed = Adl + "passed";
    public const string Satisfied = "https://w3id.org/xapi/adl/verbs/satisfied";
    public const string Asked = Adl + "asked";
    public const string Answered = Adl + "answered";
    public const string Commented = Adl + "commented";
    public const string Launched = Adl + "launched";
    public const string Experienced = Adl + "experienced";
    public const string Read = "http://activitystrea.ms/schema/1.0/read";
    public const string Voided = Adl + "voided";
    public const string LoggedIn = "https://w3id.org/xapi/adl/verbs/logged-in";

    public const string Course = AdlTypes + "course";
    public const string Lesson = AdlTypes + "lesson";
    public const string Assessment = AdlTypes + "assessment";
    public const string Interaction = AdlTypes + "interaction";
    public const string Question = "http://activitystrea.ms/schema/1.0/question";
    public const string Discussion = TinCanType + "discussion";
    public const string Article = "http://id.tincanapi.com/activitytype/article";
}
