namespace Lrs.Analytics.Classification;

/// <summary>The verbs the metrics give a meaning to (issue 3 defines them; they are not part of the rules file).</summary>
public static class MetricVerbs
{
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Satisfied = "https://w3id.org/xapi/adl/verbs/satisfied";
    public const string Asked = "http://adlnet.gov/expapi/verbs/asked";
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";

    public static bool IsCompletion(string verb) => verb is Completed or Passed or Satisfied;
}
