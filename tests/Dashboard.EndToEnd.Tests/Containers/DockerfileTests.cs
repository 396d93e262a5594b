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
        var restore = Array.FindIndex(Dockerfile, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copied = Dockerfile[..restore]
            .Select(l => CopyProject().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'));

        Assert.True(restore > 0, "The Dockerfile has no `RUN dotnet restore` step.");
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
