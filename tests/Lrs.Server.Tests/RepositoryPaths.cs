namespace Lrs.Server.Tests;

/// <summary>Where things are relative to the repository this test assembly was built from.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding Lrs.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lrs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Lrs.sln above " + AppContext.BaseDirectory);
    }
}
