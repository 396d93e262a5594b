using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Security;

/// <summary>What the shipped deployment files promise, read as text (the container tests run them for real).</summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    private static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    [Fact]
    public void Nginx_IdentityHeadersFromClients_AreRemovedUnlessFromAListedSignInProxy()
    {
        var conf = Read("deploy/nginx/dashboard-replicas.conf");

        // Every request sets the identity headers from a variable that is empty unless the client is a listed sign-in proxy,
        // and the shipped list is empty.
        Assert.Matches(@"proxy_set_header X-Forwarded-Email \$sign_in_email;", conf);
        Assert.Matches(@"proxy_set_header X-Forwarded-Groups \$sign_in_groups;", conf);
        Assert.Matches(@"map \$from_sign_in_proxy \$sign_in_email \{\s*1\s+\$http_x_forwarded_email;\s*default\s+"""";\s*\}", conf);
        Assert.Matches(@"map \$from_sign_in_proxy \$sign_in_groups \{\s*1\s+\$http_x_forwarded_groups;\s*default\s+"""";\s*\}", conf);
        var geo = GeoBlock().Match(conf);
        Assert.True(geo.Success, "no geo $from_sign_in_proxy block");
        Assert.Equal(["default 0;"], geo.Groups["body"].Value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void Nginx_DoesNotNameTheReplicaInAResponseHeader()
    {
        var conf = Read("deploy/nginx/dashboard-replicas.conf");

        Assert.DoesNotMatch(@"(?m)^\s*add_header\s+X-Dashboard-Replica", conf);
        Assert.DoesNotContain(conf.Split('\n').Where(l => l.TrimStart().StartsWith("add_header", StringComparison.Ordinal)), l => l.Contains("$upstream_addr", StringComparison.Ordinal));
    }

    [Fact]
    public void SecurityGuide_OAuth2Proxy_IsACurrentRelease()
    {
        var tag = Regex.Match(Read("SECURITY.md"), @"oauth2-proxy/oauth2-proxy:v(?<version>\d+\.\d+\.\d+)");

        Assert.True(tag.Success, "SECURITY.md names no oauth2-proxy image");
        // 7.15.6 is the release current when this was written; older ones miss security fixes.
        Assert.True(Version.Parse(tag.Groups["version"].Value) >= new Version(7, 15, 6), $"SECURITY.md suggests oauth2-proxy v{tag.Groups["version"].Value}");
    }

    [Fact]
    public void DockerIgnore_EnvironmentSpecificSettings_StayOutOfTheImage()
    {
        var lines = Read(".dockerignore").Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains("**/appsettings.*.json", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith('!'));
    }

    [Fact]
    public void Compose_EveryService_HasMemoryAndProcessLimits()
    {
        var compose = Read("docker-compose.yml");
        var hardening = HardeningBlock().Match(compose);

        Assert.True(hardening.Success, "no x-hardening block");
        Assert.Matches(@"(?m)^\s+mem_limit: \$\{DASHBOARD_MEMORY_LIMIT:-\d+[mg]\}$", hardening.Value);
        Assert.Matches(@"(?m)^\s+pids_limit: \d+$", hardening.Value);
        // The one service not built from the anchor, the scale profile's nginx, has its own.
        var proxy = compose[compose.IndexOf("\n  proxy:\n", StringComparison.Ordinal)..compose.IndexOf("\n  dashboard-1:\n", StringComparison.Ordinal)];
        Assert.Matches(@"(?m)^    mem_limit: \d+[mg]$", proxy);
        Assert.Matches(@"(?m)^    pids_limit: \d+$", proxy);
    }

    [GeneratedRegex(@"(?ms)^x-hardening: &hardening\n(?<body>.*?)(?=^\S)")]
    private static partial Regex HardeningBlock();

    [GeneratedRegex(@"geo \$from_sign_in_proxy \{(?<body>[^}]*)\}")]
    private static partial Regex GeoBlock();

    internal static string FindRoot()
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
