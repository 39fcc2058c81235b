namespace FermentEngine.Engine.Tests;

/// <summary>Finds the repository and the shared inputs beside it, from the test assembly's folder.</summary>
internal static class TestData
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>A path under the repository root (the folder holding FermentEngine.sln).</summary>
    public static string RepoPath(params string[] parts) => Path.Combine([s_repoRoot.Value, .. parts]);

    /// <summary>A path under <c>&lt;repo root&gt;/../shared</c>, the read-only shared inputs.</summary>
    public static string SharedPath(params string[] parts) =>
        Path.GetFullPath(Path.Combine([s_repoRoot.Value, "..", "shared", .. parts]));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FermentEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No FermentEngine.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
