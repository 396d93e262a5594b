namespace Vital.Introspection.Tests.Support;

/// <summary>
/// Finds <c>../shared</c> beside the repository (Vital's own public material, not copied into the project).
/// Absent in a user's fresh clone: the test skips with a reason. In CI (<c>CI=true</c>) it must be there.
/// </summary>
public static class SharedFolder
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PathTo(string relative)
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        var path = Path.Combine(shared, relative);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var reason = $"{relative} is not available: ../shared is absent beside the repository ({shared}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI must provide it.");
        }

        Assert.Skip(reason);
        return path;
    }

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
