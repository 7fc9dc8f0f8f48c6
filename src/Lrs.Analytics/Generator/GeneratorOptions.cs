namespace Lrs.Analytics.Generator;

/// <summary>The size and shape of a synthetic organisation. The same options and seed give the same statements.</summary>
public sealed record GeneratorOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>People in the organisation (roughly 90 statements each over 26 weeks with 4 courses).</summary>
    public int Learners { get; init; } = 200;

    public int Courses { get; init; } = 4;

    public int Weeks { get; init; } = 26;

    /// <summary>Monday 00:00 UTC of the first week.</summary>
    public DateTime Start { get; init; } = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public string LmsUrl { get; init; } = "https://lms.example.org";

    public string CommunityUrl { get; init; } = "https://community.example.org";

    public void Validate()
    {
        if (Learners is < 2 or > 1_000_000)
        {
            throw new ArgumentException("learners must be from 2 to 1000000", nameof(Learners));
        }

        if (Courses is < 1 or > 1000)
        {
            throw new ArgumentException("courses must be from 1 to 1000", nameof(Courses));
        }

        if (Weeks is < 1 or > 520)
        {
            throw new ArgumentException("weeks must be from 1 to 520", nameof(Weeks));
        }
    }
}
