namespace Lrs.Server.Cli;

/// <summary>The analytics operator commands: generate (synthetic organisation) and projection (rebuild).</summary>
public static class AnalyticsCommands
{
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, CancellationToken cancellationToken) => args switch
    {
        ["generate", .. var rest] => GenerateCommand.RunAsync(rest, output, cancellationToken),
        ["projection", .. var rest] => ProjectionCommand.RunAsync(rest, configuration, output, cancellationToken),
        _ => Usage(output),
    };

    /// <summary>--name value pairs; a flag given twice keeps the last.</summary>
    internal static Dictionary<string, string> Flags(string[] args, out string? error)
    {
        error = null;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"expected --name value, got '{args[i]}'";
                return flags;
            }

            flags[args[i][2..]] = args[++i];
        }

        return flags;
    }

    private static async Task<int> Usage(TextWriter output)
    {
        await output.WriteLineAsync(GenerateCommand.Usage + "\n" + ProjectionCommand.Usage);
        return 2;
    }
}
