using System.Text.RegularExpressions;
using Dashboard.EndToEnd.Tests.Support;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>What the Dockerfile and .dockerignore promise, read as text: no engine needed, so these always run.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = Requirement.RepositoryRoot;
    private static readonly string[] Dockerfile = File.ReadAllLines(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void RestoreLayer_CopiesEveryProjectUnderSrcBeforeTheRestore()
    {
        // The first line that restores (the restore RUN begins by naming the runtime identifier: ADR 0029).
        var restore = Array.FindIndex(Dockerfile, l => l.Contains("dotnet restore ", StringComparison.Ordinal));
        var copied = Dockerfile[..restore]
            .Select(l => CopyProject().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'));

        Assert.True(restore > 0, "The Dockerfile has no `dotnet restore` step.");
        Assert.All(projects, p => Assert.True(copied.Contains(p), $"{p} is not copied before `dotnet restore`: add `COPY {p} {Path.GetDirectoryName(p)!.Replace('\\', '/')}/`."));
        Assert.Contains(Dockerfile[..restore], l => l.StartsWith("COPY global.json Directory.Build.props Directory.Packages.props ", StringComparison.Ordinal));
    }

    [Fact]
    public void BaseImages_AreTheStandardDotnetTags()
    {
        var bases = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["mcr.microsoft.com/dotnet/aspnet:10.0", "mcr.microsoft.com/dotnet/sdk:10.0"], bases);
    }

    [Fact]
    public void FinalStages_RunAsTheNonRootAppUserOnPort8080WithAHealthCheck()
    {
        foreach (var stage in Stages().Where(s => s.Base.Contains("/aspnet:", StringComparison.Ordinal)))
        {
            Assert.Contains("USER $APP_UID", stage.Lines);
            Assert.Contains("EXPOSE 8080", stage.Lines);
            Assert.Contains(stage.Lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
            Assert.Contains(stage.Lines, l => l.StartsWith("ENTRYPOINT [\"dotnet\", ", StringComparison.Ordinal));
        }

        Assert.Equal(["build", "simulator", "dashboard"], Stages().Select(s => s.Name));
    }

    [Fact]
    public void Dockerfile_SetsNoKeyOrSecretAndUsesNoBuildKitOnlySyntax()
    {
        Assert.DoesNotContain(Dockerfile, l => SecretSetting().IsMatch(l));
        Assert.DoesNotContain(Dockerfile, l => l.Contains("--mount", StringComparison.Ordinal) || l.Contains("--link", StringComparison.Ordinal) || l.Contains("<<", StringComparison.Ordinal));
        Assert.DoesNotContain(Dockerfile, l => l.Contains("$TARGETARCH", StringComparison.Ordinal) || l.Contains("$BUILDPLATFORM", StringComparison.Ordinal));
    }

    [Fact]
    public void DashboardPublish_IsReadyToRunForTheBuildMachinesArchitecture()
    {
        // ADR 0029: restored and published for linux-x64 or linux-arm64 (whichever the build stage runs on), with
        // ReadyToRun code, framework-dependent on the aspnet image; the simulator stays plain IL.
        var runs = LogicalLines().Where(l => l.StartsWith("RUN ", StringComparison.Ordinal)).ToList();
        var restore = Assert.Single(runs, l => l.Contains("dotnet restore src/Dashboard.Web/Dashboard.Web.csproj", StringComparison.Ordinal));
        var publish = Assert.Single(runs, l => l.Contains("dotnet publish src/Dashboard.Web/Dashboard.Web.csproj", StringComparison.Ordinal));

        Assert.Contains("uname -m", restore, StringComparison.Ordinal);
        Assert.Contains("-r \"$rid\" -p:PublishReadyToRun=true", restore, StringComparison.Ordinal);
        var dashboard = publish[..publish.IndexOf("&& dotnet publish src/Vital.Simulator.Host", StringComparison.Ordinal)];
        Assert.Contains("-r \"$(cat /tmp/rid)\" --self-contained false", dashboard, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("PublishReadyToRun", publish[dashboard.Length..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**/bin")]
    [InlineData("**/obj")]
    [InlineData(".git")]
    [InlineData("tests")]
    [InlineData(".env")]
    [InlineData("**/.env")]
    [InlineData("**/secrets")]
    [InlineData("**/*.user")]
    [InlineData("**/*.pfx")]
    [InlineData("deploy")]
    public void DockerIgnore_KeepsOutOfTheContext(string pattern) =>
        Assert.Contains(pattern, File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()));

    /// <summary>The Dockerfile's instructions, a line ending in a backslash joined with the next.</summary>
    private static IEnumerable<string> LogicalLines()
    {
        var current = new System.Text.StringBuilder();
        foreach (var line in Dockerfile)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.EndsWith('\\'))
            {
                current.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            yield return current.Append(trimmed).ToString();
            current.Clear();
        }
    }

    private static IEnumerable<(string Name, string Base, string[] Lines)> Stages()
    {
        var starts = Dockerfile.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("FROM ", StringComparison.Ordinal)).Select(x => x.i).ToArray();
        for (var s = 0; s < starts.Length; s++)
        {
            var from = Dockerfile[starts[s]].Split(' ');
            var end = s + 1 < starts.Length ? starts[s + 1] : Dockerfile.Length;
            yield return (from[^1], from[1], Dockerfile[starts[s]..end]);
        }
    }

    [GeneratedRegex(@"^COPY (?<path>src/[^ ]+\.csproj) src/[^ ]+/$")]
    private static partial Regex CopyProject();

    [GeneratedRegex(@"^\s*(ENV|ARG|LABEL)\b.*(ApiKey|Secret|Password|Token|pk_|sk_)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSetting();
}
