using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Generator;

/// <summary>
/// A synthetic organisation's statements, for tests, the dashboard demo and benchmarks: cmi5-style course roll-outs,
/// then communities where people ask, answer, reply, comment, share and like. Pure and deterministic: the same options
/// give the same statements, ids included, in timestamp order (week by week, so memory stays small).
/// </summary>
public sealed partial class OrganisationGenerator
{
    private const string Adl = "http://adlnet.gov/expapi/verbs/";
    private const string Cmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    private const string Cmi5Session = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    private static readonly string[] Topics = ["Safety at work", "Data privacy", "Customer care", "Leadership basics", "Cloud fundamentals", "Negotiation", "Accessibility", "Security awareness"];

    private readonly GeneratorOptions _o;
    private readonly Random _random;
    private readonly List<Person> _people;
    private readonly List<Course> _courses;
    private readonly double[] _helpfulness;
    private readonly JObject[] _teamOf;
    private readonly JObject?[] _practiceOf;
    private readonly PriorityQueue<JObject, (DateTime At, long Seq)> _queue = new();
    private long _seq;

    private OrganisationGenerator(GeneratorOptions options)
    {
        options.Validate();
        _o = options;
        _random = new Random(options.Seed);
        var domain = new Uri(options.CommunityUrl).Host.Split('.', 2) is [_, var d] ? d : "example.org";
        _people = Enumerable.Range(0, options.Learners).Select(i => Person.Create(i, _random, domain)).ToList();
        _courses = Enumerable.Range(0, options.Courses).Select(NewCourse).ToList();
        _helpfulness = Cumulative(_people.Select(p => p.Helpfulness));
        (_teamOf, _practiceOf) = AssignTeams(domain);
    }

    public static IEnumerable<JObject> Generate(GeneratorOptions options) => new OrganisationGenerator(options).Run();

    private IEnumerable<JObject> Run()
    {
        for (var week = 0; week < _o.Weeks; week++)
        {
            var start = _o.Start.AddDays(7 * week);
            foreach (var course in _courses.Where(c => c.RolloutWeek == week))
            {
                RollOut(course, start);
            }

            foreach (var person in _people)
            {
                Week(person, start);
            }

            var end = start.AddDays(7);
            while (_queue.TryPeek(out _, out var key) && key.At < end)
            {
                yield return _queue.Dequeue();
            }
        }

        // Answers and replies to the last week's questions, still hours away.
        while (_queue.Count > 0)
        {
            yield return _queue.Dequeue();
        }
    }

    private sealed class Course
    {
        public required string Id { get; init; }

        public required string Name { get; init; }

        public required string Community { get; init; }

        public required int RolloutWeek { get; init; }

        /// <summary>Who completed it and when, sorted by time once the roll-out is scheduled.</summary>
        public List<(DateTime At, Person Who)> Completions { get; } = [];

        public Dictionary<int, DateTime> CompletedAt { get; } = [];

        public List<string> Questions { get; } = [];

        public int QuestionCount { get; set; }
    }

    private Course NewCourse(int index)
    {
        var name = Topics[index % Topics.Length] + (index >= Topics.Length ? " " + ((index / Topics.Length) + 1).ToString(CultureInfo.InvariantCulture) : "");
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        return new Course
        {
            Id = $"{_o.LmsUrl}/courses/{slug}",
            Name = name,
            Community = $"{_o.CommunityUrl}/{slug}",
            // Staggered over the first two thirds of the period, so later weeks show the hand-off.
            RolloutWeek = _o.Courses == 1 ? 0 : index * Math.Max(1, _o.Weeks * 2 / 3) / _o.Courses,
        };
    }

    private JObject Statement(Person who, string verb, JObject obj, DateTime at, JObject? context = null, JObject? result = null)
    {
        var s = new JObject
        {
            ["id"] = NewId().ToString("D"),
            ["actor"] = who.Agent,
            ["verb"] = new JObject { ["id"] = verb, ["display"] = new JObject { ["en-US"] = verb[(verb.LastIndexOfAny(['/', '#']) + 1)..] } },
            ["object"] = obj,
        };
        if (result is not null)
        {
            s["result"] = result;
        }

        if (context is not null)
        {
            s["context"] = context;
        }

        if (verb != Adl + "voided")
        {
            AddTeams(s, who, verb);
        }

        s["timestamp"] = who.Timestamp(at);
        _queue.Enqueue(s, (at, _seq++));
        return s;
    }

    private static JObject Activity(string id, string? type = null, string? name = null)
    {
        var a = new JObject { ["objectType"] = "Activity", ["id"] = id };
        if (type is not null)
        {
            a["definition"] = name is null ? new JObject { ["type"] = type } : new JObject { ["name"] = new JObject { ["en-US"] = name }, ["type"] = type };
        }

        return a;
    }

    private Guid NewId()
    {
        Span<byte> b = stackalloc byte[16];
        _random.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40); // version 4
        b[8] = (byte)((b[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(b);
    }

    /// <summary>Hours until something happens: log-normal, so most waits are short and a few are long.</summary>
    private double LogNormalHours(double medianHours, double sigma)
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return medianHours * Math.Exp(sigma * normal);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private Person PickHelper(Person except)
    {
        for (var attempt = 0; ; attempt++)
        {
            var x = _random.NextDouble() * _helpfulness[^1];
            var i = Array.BinarySearch(_helpfulness, x);
            var p = _people[Math.Min(i < 0 ? ~i : i, _people.Count - 1)];
            if (p != except || attempt > 10)
            {
                return p == except ? _people[(except.Index + 1) % _people.Count] : p;
            }
        }
    }
}
