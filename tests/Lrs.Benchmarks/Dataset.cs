using System.Text;
using Lrs.Analytics.Generator;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks;

/// <summary>
/// The statements of a run, from the seeded organisation generator and cached as NDJSON (generating 10M takes a
/// while): the pre-load of the given size (seed 1, 10k people), and a separate pool of fresh statements for the
/// write workloads (seed 2: other people, other ids), so nothing written during a run is already stored.
/// </summary>
public sealed class Dataset
{
    private Dataset(string preload, string writes, long size)
    {
        PreloadPath = preload;
        WritesPath = writes;
        Size = size;
    }

    public string PreloadPath { get; }

    public string WritesPath { get; }

    public long Size { get; }

    public static Dataset Ensure(string work, long size, int writes, bool smoke, TextWriter log)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, "datasets")).FullName;
        var learners = smoke ? 50 : 10_000;
        var preload = Path.Combine(dir, $"org-seed1-{learners}-{BenchOptions.Label(size)}.ndjson");
        var pool = Path.Combine(dir, $"org-seed2-{learners}-{BenchOptions.Label(writes)}.ndjson");
        Generate(preload, Options(1, learners, size), size, log);
        Generate(pool, Options(2, learners, writes), writes, log);
        return new Dataset(preload, pool, size);
    }

    /// <summary>
    /// Enough weeks to reach the size, then cut. The organisation gives about 3 statements per person-week in its first
    /// year, while the 8 courses roll out (1M: 48 weeks), and about 2 over longer spans (438 weeks gave 9,027,530
    /// statements, short of 10M), so spans past a year are sized at the lower rate. 520 weeks (the generator's limit)
    /// hold about 10.7M with 10k people.
    /// </summary>
    private static GeneratorOptions Options(int seed, int learners, long size)
    {
        var weeks = Math.Ceiling(size / (learners * 3.0) * 1.3) + 4;
        if (weeks > 52)
        {
            weeks = Math.Ceiling(size / (learners * 2.0) * 1.1) + 4;
        }

        return new GeneratorOptions { Seed = seed, Learners = learners, Courses = 8, Weeks = (int)Math.Clamp(weeks, 8, 520) };
    }

    private static void Generate(string path, GeneratorOptions options, long count, TextWriter log)
    {
        if (File.Exists(path))
        {
            if (MatchesGenerator(path, options))
            {
                return;
            }

            log.WriteLine($"{path} was made by an earlier generator: making it again");
        }

        log.WriteLine($"generating {count} statements ({options.Learners} people, {options.Courses} courses, {options.Weeks} weeks) into {path}");
        var partial = path + ".partial";
        long written = 0;
        using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false), 1 << 20))
        {
            foreach (var statement in OrganisationGenerator.Generate(options))
            {
                writer.WriteLine(XapiJson.Serialize(statement));
                if (++written == count)
                {
                    break;
                }
            }
        }

        if (written < count)
        {
            File.Delete(partial);
            throw new InvalidOperationException($"the generator gave only {written} of {count} statements with {options.Weeks} weeks");
        }

        File.Move(partial, path);
    }

    /// <summary>
    /// Whether a cached file starts with the statements the generator makes now. The file's name holds only the seed,
    /// the people and the size: when the generator changed (teams were added to its statements), runs went on with the
    /// old file (statements of about 690 bytes against about 800 now), and figures from before and after the change were
    /// not comparable.
    /// </summary>
    private static bool MatchesGenerator(string path, GeneratorOptions options)
    {
        using var cached = Lines(path).GetEnumerator();
        foreach (var statement in OrganisationGenerator.Generate(options).Take(1_000))
        {
            if (!cached.MoveNext() || cached.Current != XapiJson.Serialize(statement))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lines [skip, skip + take) of an NDJSON file.</summary>
    public static IEnumerable<string> Lines(string path, long skip = 0, long take = long.MaxValue)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 20);
        long index = 0;
        while (index - skip < take && reader.ReadLine() is { } line)
        {
            if (index++ >= skip)
            {
                yield return line;
            }
        }
    }

    /// <summary>About <paramref name="count"/> query parameters (an actor, its verb, its course) from the last <paramref name="window"/> statements of the pre-load.</summary>
    public List<QuerySample> QuerySamples(int count, long window)
    {
        var samples = new List<QuerySample>(count);
        var step = Math.Max(1, window / count);
        long index = 0;
        foreach (var line in Lines(PreloadPath, Size - window))
        {
            if (index++ % step != 0)
            {
                continue;
            }

            var s = (JObject)XapiJson.Parse(line);
            if ((string?)s["actor"]?["mbox"] is not { } mbox || (string?)s["verb"]?["id"] is not { } verb)
            {
                continue;
            }

            // The course a statement belongs to, else its activity; a StatementRef's id is a statement, not an activity.
            var isActivity = ((string?)s["object"]?["objectType"] ?? "Activity") == "Activity";
            var course = (string?)s["context"]?["contextActivities"]?["grouping"]?[0]?["id"] ?? (isActivity ? (string?)s["object"]?["id"] : null);
            if (course is not null)
            {
                samples.Add(new QuerySample(mbox, verb, course));
            }
        }

        return samples;
    }
}

public sealed record QuerySample(string Mbox, string Verb, string Course);
