using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lrs.Benchmarks;

/// <summary>
/// One figure of a run. Throughputs carry their ratio to the raw baseline measured in the same run; every figure
/// carries the 1-minute load average when it started and ended, since the machine may be shared.
/// </summary>
public sealed record Figure
{
    public required string Id { get; init; }

    public required string Workload { get; init; }

    public required string Size { get; init; }

    public required double Value { get; init; }

    public required string Unit { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? Ratio { get; init; }

    public string? RatioTo { get; init; }

    public string Target { get; init; } = "";

    public bool? Met { get; init; }

    public double LoadStart { get; init; }

    public double LoadEnd { get; init; }

    public int Failures { get; init; }
}

/// <summary>The figures of a run as a Markdown table (printed, and pasted into README.md) and as JSON.</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public List<Figure> Figures { get; } = [];

    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);

    public void Add(Figure figure)
    {
        // A target is not met by the part that succeeded when some of it failed: a timed run's failed requests, a
        // streaming read that stopped early, an import that stored less than it read.
        if (figure is { Failures: > 0, Met: not null })
        {
            figure = figure with { Met = false };
        }

        Figures.Add(figure);
        Console.WriteLine(Line(figure));
    }

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| id | workload | size | figure | p50 / p95 / p99 ms | ratio to raw | target | met | load |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var f in Figures)
        {
            sb.AppendLine(Line(f));
        }

        return sb.ToString();
    }

    private static string Line(Figure f)
    {
        var latency = f.P99Ms is null ? "" : Invariant($"{f.P50Ms:F1} / {f.P95Ms:F1} / {f.P99Ms:F1}");
        var ratio = f.Ratio is null ? "" : Invariant($"{f.Ratio:F2}x {f.RatioTo}");
        var met = f.Met switch { true => "yes", false => "**no**", null => "" };
        var failures = f.Failures > 0 ? Invariant($" ({f.Failures} failed)") : "";
        return Invariant($"| {f.Id} | {f.Workload} | {f.Size} | {Number(f.Value)} {f.Unit}{failures} | {latency} | {ratio} | {f.Target} | {met} | {f.LoadStart:F1}→{f.LoadEnd:F1} |");
    }

    private static string Number(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new { machine = Machine, figures = Figures }, Json);
        File.WriteAllText(Path.Combine(directory, $"results-{stamp}.json"), json);
        File.WriteAllText(Path.Combine(directory, "results.json"), json);
        File.WriteAllText(Path.Combine(directory, "results.md"), Markdown());
    }
}
