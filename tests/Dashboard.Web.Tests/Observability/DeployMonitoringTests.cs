using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// <c>deploy/</c>'s Prometheus alert rules and Grafana dashboard: well formed, and naming only series and labels a
/// real scrape of the dashboard has (a renamed instrument would otherwise leave an alert that never fires).
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed partial class DeployMonitoringTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    /// <summary>Framework series that exist only once a browser holds a page open (a Blazor circuit).</summary>
    private static readonly string[] OnlyWithOpenPages = ["aspnetcore_components_circuit_active"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AlertRules_EachRule_IsARecordingOrAnAlertWithSeverityAndSummary()
    {
        var rules = AlertRules();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.True(Scalar(rule, "record") is null ^ Scalar(rule, "alert") is null, "a rule is a recording or an alert");
            Assert.False(string.IsNullOrWhiteSpace(Scalar(rule, "expr")));
            if (Scalar(rule, "alert") is not null)
            {
                var labels = (YamlMappingNode)rule["labels"];
                var annotations = (YamlMappingNode)rule["annotations"];
                Assert.Contains(((YamlScalarNode)labels["severity"]).Value, new[] { "warning", "critical" });
                Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)annotations["summary"]).Value));
            }
        });
        var names = rules.Select(r => Scalar(r, "record") ?? Scalar(r, "alert")).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());

        // The obvious cases of the issue each have an alert.
        Assert.Contains("DashboardUpstreamErrors", names);
        Assert.Contains("DashboardTeamScanFailing", names);
        Assert.Contains("DashboardProviderFailureRateJump", names);
    }

    [Fact]
    public void Monitoring_RecordedSeries_AreRecordedBeforeTheyAreUsed()
    {
        var recorded = AlertRules().Select(r => Scalar(r, "record")).OfType<string>().ToHashSet();

        var used = Expressions().SelectMany(e => RecordedName().Matches(e).Select(m => m.Value)).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Subset(recorded, used);
    }

    [Fact]
    public void GrafanaDashboard_EachPanel_QueriesThroughTheDatasourceVariable()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(GrafanaDashboardPath));
        var root = json.RootElement;
        var panels = root.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        Assert.True(panels.Count >= 10, $"{panels.Count} panels");
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, p =>
        {
            Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()));
        });

        // The provisioned datasource is the variable's default.
        var provisioned = File.ReadAllText(Path.Combine(Deploy, "grafana", "provisioning", "datasources", "prometheus.yml"));
        var variable = root.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "datasource");
        Assert.Contains($"uid: {variable.GetProperty("current").GetProperty("value").GetString()}", provisioned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitoring_EverySeriesAndSelectedLabel_IsInAScrapeOfTheDashboard()
    {
        await dashboard.Factory.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);
        using (var diagnosis = await dashboard.Client.GetAsync($"/api/users/{dashboard.UserOf(ScenarioNames.Healthy)}/diagnosis", Ct))
        {
            diagnosis.EnsureSuccessStatusCode();
        }

        var (_, _, scrape) = await PrometheusText.ScrapeAsync(dashboard.Factory.Server, null, Ct);
        var series = scrape.Samples.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.SelectMany(s => s.Labels.Keys).ToHashSet());

        var missing = new List<string>();
        foreach (var expression in Expressions())
        {
            foreach (Match selector in Selector().Matches(expression))
            {
                var name = selector.Groups["name"].Value;
                if (OnlyWithOpenPages.Contains(name))
                {
                    continue;
                }

                if (!series.TryGetValue(name, out var labels))
                {
                    missing.Add(name);
                    continue;
                }

                missing.AddRange(LabelMatcher().Matches(selector.Groups["labels"].Value)
                    .Select(m => m.Groups[1].Value)
                    .Where(label => !labels.Contains(label))
                    .Select(label => $"{name}{{{label}}}"));
            }
        }

        Assert.Empty(missing.Distinct());
    }

    private static string Deploy { get; } = Path.Combine(RepositoryRoot(), "deploy");

    private static string GrafanaDashboardPath => Path.Combine(Deploy, "grafana", "dashboards", "vital-dashboard.json");

    private static List<YamlMappingNode> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Deploy, "prometheus", "alerts.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return [.. ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>().SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())];
    }

    /// <summary>Every PromQL expression in the alert rules and the Grafana dashboard.</summary>
    private static List<string> Expressions()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(GrafanaDashboardPath));
        var panels = json.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        return [.. AlertRules().Select(r => Scalar(r, "expr")!).Concat(panels)];
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A series the dashboard or the framework exports, with its label matchers if any; histograms by their parts.</summary>
    [GeneratedRegex(@"\b(?<name>(?:dashboard|resilience|aspnetcore|http_server|dotnet|kestrel)_[a-z0-9_]+)(?:\{(?<labels>[^}]*)\})?")]
    private static partial Regex Selector();

    [GeneratedRegex(@"([a-z_][a-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex LabelMatcher();

    [GeneratedRegex(@"\bdashboard:[a-z0-9_:]+")]
    private static partial Regex RecordedName();
}
