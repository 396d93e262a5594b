namespace Vital.Simulator.Tests;

/// <summary>
/// Finds Vital's own material in <c>../shared</c> beside the repository (the folder holding <c>Dashboard.sln</c>).
/// Absent (a user's fresh clone): the test skips with a reason. With <c>CI=true</c> it fails instead, so CI never
/// passes by skipping.
/// </summary>
internal static class SharedMaterial
{
    public static string RequireFile(string relativePath)
    {
        var repositoryRoot = FindRepositoryRoot();
        var shared = repositoryRoot is null ? null : Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared"));
        var path = shared is null ? null : Path.Combine(shared, relativePath);
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        var reason = $"Vital's material '../shared/{relativePath}' is not beside the repository ({repositoryRoot ?? "repository root not found"}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI=true: this must not be skipped.");
        }

        Assert.Skip(reason);
        return string.Empty;
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
