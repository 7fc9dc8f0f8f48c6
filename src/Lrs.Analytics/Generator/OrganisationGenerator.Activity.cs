using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Generator;

/// <summary>What people do: course roll-outs (formal), community life (social), reading and watching (experiential).</summary>
public sealed partial class OrganisationGenerator
{
    private static readonly string[] Asks = ["apply", "explain", "report", "configure", "review", "escalate", "document", "measure"];
    private static readonly string[] Things = ["the checklist", "an incident", "the new policy", "a customer complaint", "the quarterly review", "access rights", "the audit trail", "a risky request"];

    /// <summary>Enrols a cohort and schedules each learner's cmi5 sessions over the following weeks.</summary>
    private void RollOut(Course course, DateTime weekStart)
    {
        var first = true;
        foreach (var person in _people)
        {
            if (_random.NextDouble() > 0.6)
            {
                continue;
            }

            var registration = NewId().ToString("D");
            // The roll-out starts Monday 08:00 with the first launch; everyone else starts within three weeks.
            var at = weekStart.AddHours(8 + (first ? 0 : _random.NextDouble() * 24 * 21));
            first = false;
            var completed = true;
            for (var au = 1; au <= 3 && completed; au++)
            {
                var auId = $"{course.Id}/au/{au}";
                var session = NewId().ToString("N")[..12];
                JObject Context() => new()
                {
                    ["registration"] = registration,
                    ["contextActivities"] = new JObject
                    {
                        ["grouping"] = new JArray(new JObject { ["objectType"] = "Activity", ["id"] = course.Id }),
                        ["category"] = new JArray(new JObject { ["id"] = Cmi5Category }),
                    },
                    ["extensions"] = new JObject { [Cmi5Session] = session },
                };
                // The LMS's launch carries the course's definition; every other statement names the course by id only,
                // so its type comes from the definition the LRS holds.
                var launch = Context();
                launch["contextActivities"]!["grouping"] = new JArray(Activity(course.Id, "https://w3id.org/xapi/cmi5/activitytype/course", course.Name));
                Statement(person, Adl + "launched", Activity(auId, "http://adlnet.gov/expapi/activities/module", $"{course.Name}, part {au}"), at, launch);
                Statement(person, Adl + "initialized", Activity(auId), at.AddSeconds(5), Context());
                var minutes = 10 + (_random.NextDouble() * 40);
                Statement(person, Adl + "progressed", Activity(auId), at.AddMinutes(minutes / 2), Context(), new JObject { ["extensions"] = new JObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = 50 } });
                var score = Math.Round(0.4 + (_random.NextDouble() * 0.6), 2);
                var passed = score >= 0.6;
                Statement(person, Adl + "completed", Activity(auId), at.AddMinutes(minutes), Context(), new JObject { ["completion"] = true });
                Statement(person, Adl + (passed ? "passed" : "failed"), Activity(auId), at.AddMinutes(minutes).AddSeconds(2), Context(),
                    new JObject { ["success"] = passed, ["score"] = new JObject { ["scaled"] = score } });
                Statement(person, Adl + "terminated", Activity(auId), at.AddMinutes(minutes).AddSeconds(10), Context());
                if (!passed && _random.NextDouble() < 0.5)
                {
                    Statement(person, "https://w3id.org/xapi/adl/verbs/abandoned", Activity(auId), at.AddMinutes(minutes).AddSeconds(20), Context());
                    completed = false;
                }

                at = at.AddHours(20 + (_random.NextDouble() * 24 * 6));
            }

            if (completed)
            {
                // The LMS records the course satisfied: the completion the hand-off metrics start from (t0).
                Statement(person, "https://w3id.org/xapi/adl/verbs/satisfied",
                    Activity(course.Id, "https://w3id.org/xapi/cmi5/activitytype/course", course.Name), at,
                    new JObject { ["registration"] = registration, ["contextActivities"] = new JObject { ["category"] = new JArray(new JObject { ["id"] = Cmi5Category }) } });
                course.Completions.Add((at, person));
                course.CompletedAt[person.Index] = at;
            }
        }

        course.Completions.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Who.Index.CompareTo(b.Who.Index));
    }

    /// <summary>One person's week: reading for everyone, posting for those with a voice (more after they completed a course).</summary>
    private void Week(Person person, DateTime weekStart)
    {
        // Communities open the week after their course's roll-out, when the LRS already holds the course's definition.
        var live = _courses.Where(c => c.RolloutWeek * 7 < (weekStart - _o.Start).TotalDays).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var course = live[_random.Next(live.Count)];
        var at = weekStart.AddHours(7 + (_random.NextDouble() * 24 * 5));
        var trained = course.CompletedAt.TryGetValue(person.Index, out var t0) && t0 <= at;
        var reads = _random.Next(0, 3);
        for (var i = 0; i < reads; i++)
        {
            Experience(person, course, at.AddMinutes(i * 17));
        }

        var voice = Math.Min(0.95, person.Voice * (trained ? 3 : 1));
        if (_random.NextDouble() >= voice)
        {
            return;
        }

        Statement(person, "https://w3id.org/xapi/adl/verbs/logged-in", Activity(_o.CommunityUrl, "http://id.tincanapi.com/activitytype/lms"), at.AddMinutes(-2));
        var roll = _random.NextDouble();
        if (roll < 0.4 || course.Questions.Count == 0)
        {
            Ask(person, course, at);
        }
        else if (roll < 0.7)
        {
            var question = course.Questions[_random.Next(Math.Max(0, course.Questions.Count - 20), course.Questions.Count)];
            var comment = Statement(person, Adl + "commented", Activity(question, "http://activitystrea.ms/schema/1.0/question"), at, Grouping(course),
                new JObject { ["response"] = "Same here, following." });
            if (_random.NextDouble() < 0.05)
            {
                // Posted by mistake and withdrawn: the voiding statement takes it out of every figure.
                Statement(person, Adl + "voided", new JObject { ["objectType"] = "StatementRef", ["id"] = comment["id"] }, at.AddMinutes(3 + _random.Next(30)));
            }
        }
        else if (roll < 0.85)
        {
            Statement(person, Adl + "shared", Activity($"{_o.CommunityUrl}/articles/{_random.Next(200)}", "http://id.tincanapi.com/activitytype/article"), at, Grouping(course));
        }
        else
        {
            var question = course.Questions[_random.Next(course.Questions.Count)];
            Statement(person, "http://activitystrea.ms/schema/1.0/like", Activity(question + "/answers", "http://activitystrea.ms/schema/1.0/comment"), at, Grouping(course));
        }
    }

    private void Experience(Person person, Course course, DateTime at)
    {
        switch (_random.Next(3))
        {
            case 0:
                Statement(person, "http://activitystrea.ms/schema/1.0/read", Activity($"{_o.CommunityUrl}/articles/{_random.Next(200)}", "http://id.tincanapi.com/activitytype/article"), at, Grouping(course));
                break;
            case 1:
                Statement(person, "https://w3id.org/xapi/video/verbs/played", Activity($"{_o.CommunityUrl}/videos/{_random.Next(50)}", "https://w3id.org/xapi/video/activity-type/video"), at, Grouping(course));
                break;
            default:
                Statement(person, "https://w3id.org/xapi/acrossx/verbs/searched", Activity($"{_o.CommunityUrl}/search", "https://w3id.org/xapi/acrossx/activities/webpage"), at, Grouping(course),
                    new JObject { ["response"] = Things[_random.Next(Things.Length)] });
                break;
        }
    }

    /// <summary>A question, its answers hours later (helpers and course completers answer most), and reply chains.</summary>
    private void Ask(Person asker, Course course, DateTime at)
    {
        var n = ++course.QuestionCount;
        var question = $"{course.Community}/questions/{n.ToString(CultureInfo.InvariantCulture)}";
        course.Questions.Add(question);
        var text = $"How do I {Asks[_random.Next(Asks.Length)]} {Things[_random.Next(Things.Length)]}?";
        Statement(asker, Adl + "asked", Activity(question, "http://activitystrea.ms/schema/1.0/question", text), at, Grouping(course));
        if (_random.NextDouble() < 0.15)
        {
            return; // some questions stay unanswered
        }

        var when = at.AddHours(LogNormalHours(4, 1.0));
        var answers = 1 + _random.Next(3);
        for (var k = 0; k < answers; k++)
        {
            var answerer = PickAnswerer(course, asker, when);
            Statement(answerer, Adl + "answered", Activity(question, "http://activitystrea.ms/schema/1.0/question"), when, Grouping(course),
                new JObject { ["response"] = "Here is what worked for me." });
            Replies(asker, answerer, course, question, k, when);
            when = when.AddHours(LogNormalHours(6, 1.0));
        }
    }

    private void Replies(Person asker, Person answerer, Course course, string question, int answer, DateTime at)
    {
        var chain = _random.Next(4);
        var (from, to) = (asker, answerer);
        var parent = question;
        for (var r = 0; r < chain; r++)
        {
            at = at.AddHours(LogNormalHours(2, 0.8));
            var reply = string.Create(CultureInfo.InvariantCulture, $"{question}/replies/{answer}-{r}");
            var context = Grouping(course);
            context["contextActivities"]!["parent"] = new JArray(new JObject { ["objectType"] = "Activity", ["id"] = parent });
            Statement(from, "http://id.tincanapi.com/verb/replied", Activity(reply, "http://activitystrea.ms/schema/1.0/comment"), at, context,
                new JObject { ["response"] = r % 2 == 0 ? "Thanks, one more thing..." : "Sure, try this." });
            parent = reply;
            (from, to) = (to, from);
        }
    }

    /// <summary>Half the time someone who completed the course (helpers after training), else the organisation's usual helpers.</summary>
    private Person PickAnswerer(Course course, Person asker, DateTime at)
    {
        var trained = CompletedBy(course, at);
        if (trained > 1 && _random.NextDouble() < 0.5)
        {
            var pick = course.Completions[_random.Next(trained)].Who;
            if (pick != asker)
            {
                return pick;
            }
        }

        return PickHelper(asker);
    }

    /// <summary>How many completions of the course happened by this instant (binary search over the sorted list).</summary>
    private static int CompletedBy(Course course, DateTime at)
    {
        int lo = 0, hi = course.Completions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (course.Completions[mid].At <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static JObject Grouping(Course course) => new()
    {
        ["contextActivities"] = new JObject { ["grouping"] = new JArray(new JObject { ["objectType"] = "Activity", ["id"] = course.Id }) },
    };
}
