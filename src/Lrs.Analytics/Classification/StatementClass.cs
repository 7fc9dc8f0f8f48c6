namespace Lrs.Analytics.Classification;

/// <summary>What kind of learning a statement records. Every statement gets exactly one.</summary>
public enum StatementClass
{
    /// <summary>Structured training: courses, lessons, assessments, their launches, attempts and results.</summary>
    Formal,

    /// <summary>Learning with others: asking, answering, discussing, sharing, coaching.</summary>
    Social,

    /// <summary>Everything else a learner does: reading, watching, searching, experiencing resources.</summary>
    Experiential,

    /// <summary>The plumbing: logins, logouts, voiding.</summary>
    System,
}

public static class StatementClassNames
{
    /// <summary>The lower-case name used in the projection and the API.</summary>
    public static string Name(this StatementClass c) => c switch
    {
        StatementClass.Formal => "formal",
        StatementClass.Social => "social",
        StatementClass.Experiential => "experiential",
        _ => "system",
    };
}
