namespace Dashboard.EndToEnd.Tests.Support;

/// <summary>
/// What a whole-product test needs from the machine. Outside CI a missing piece skips the test with the reason;
/// under <c>CI=true</c> (where <c>.ci/prepare</c> installs everything) it fails instead, so CI can never pass by
/// skipping.
/// </summary>
public static class Requirement
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, in CI, fails) the current test when <paramref name="available"/> is false.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail(reason + " CI must provide it (.ci/prepare installs it).");
        }

        Assert.Skip(reason);
    }

    /// <summary>The repository root (the folder holding Dashboard.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
