using System.Reflection;
using System.Text.Json;
using Dashboard.Diagnosis;
using Dashboard.Store;
using Dashboard.Web.Hosting;
using Dashboard.Web.Observability;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Hosting;

/// <summary><c>appsettings.Example.json</c> documents every setting an options class binds, and nothing else.</summary>
public sealed class ExampleSettingsTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (VitalOptions.SectionName, typeof(VitalOptions)),
        (SimulatorOptions.SectionName, typeof(SimulatorOptions)),
        (DiagnosisOptions.SectionName, typeof(DiagnosisOptions)),
        (UiOptions.SectionName, typeof(UiOptions)),
        (ApiOptions.SectionName, typeof(ApiOptions)),
        (AuthOptions.SectionName, typeof(AuthOptions)),
        (AuditOptions.SectionName, typeof(AuditOptions)),
        (ForwardedHeadersSettings.SectionName, typeof(ForwardedHeadersSettings)),
        (StoreOptions.SectionName, typeof(StoreOptions)),
        (MetricsOptions.SectionName, typeof(MetricsOptions)),
        (Dashboard.Web.Alerts.AlertOptions.SectionName, typeof(Dashboard.Web.Alerts.AlertOptions)),
        (Dashboard.Web.Connections.SweepOptions.SectionName, typeof(Dashboard.Web.Connections.SweepOptions)),
    ];

    [Fact]
    public void Example_EveryBoundSetting_IsDocumented()
    {
        var documented = DocumentedKeys();

        // A dictionary (per-provider limits) is documented by an example entry under its key.
        var missing = Sections.SelectMany(s => Keys(s.Section, s.Options))
            .Where(k => !documented.Contains(k) && !documented.Any(d => d.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Example_EveryDocumentedSettingOfAnOptionsSection_Exists()
    {
        var bound = Sections.SelectMany(s => Keys(s.Section, s.Options)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sections = Sections.Select(s => s.Section + ":").ToList();

        var unknown = DocumentedKeys()
            .Where(k => sections.Any(s => k.StartsWith(s, StringComparison.OrdinalIgnoreCase)) && !bound.Contains(k))
            .Where(k => !bound.Any(b => k.StartsWith(b + ":", StringComparison.OrdinalIgnoreCase) && IsDictionary(b)))
            .ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Example_Defaults_MatchTheOptionsDefaults()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(ExamplePath()), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

        Assert.Equal(new VitalOptions().UserLimit, example.RootElement.GetProperty("Vital").GetProperty("UserLimit").GetInt32());
        Assert.Equal(new VitalOptions().CacheSeconds, example.RootElement.GetProperty("Vital").GetProperty("CacheSeconds").GetInt32());
        Assert.Equal(new SimulatorOptions().Users, example.RootElement.GetProperty("Simulator").GetProperty("Users").GetInt32());
        Assert.Equal(new ApiOptions().RequestsPerMinute, example.RootElement.GetProperty("Api").GetProperty("RequestsPerMinute").GetInt32());
        Assert.Equal(new UiOptions().AutoRefreshSeconds, example.RootElement.GetProperty("Ui").GetProperty("AutoRefreshSeconds").GetInt32());
        Assert.Equal(new DiagnosisOptions().StuckScheduledAfter, TimeSpan.Parse(example.RootElement.GetProperty("Diagnosis").GetProperty("StuckScheduledAfter").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new StoreOptions().RetentionDays, example.RootElement.GetProperty("Store").GetProperty("RetentionDays").GetInt32());
        Assert.Equal(new StoreOptions().Provider.ToString(), example.RootElement.GetProperty("Store").GetProperty("Provider").GetString());
        Assert.Equal(new Dashboard.Web.Alerts.AlertOptions().MaxUsersListed, example.RootElement.GetProperty("Alerts").GetProperty("MaxUsersListed").GetInt32());
        Assert.Equal(new Dashboard.Web.Alerts.AlertOptions().MaxRetryAttempts, example.RootElement.GetProperty("Alerts").GetProperty("MaxRetryAttempts").GetInt32());
        Assert.Equal(new Dashboard.Web.Alerts.AlertOptions().RetryBaseDelay, TimeSpan.Parse(example.RootElement.GetProperty("Alerts").GetProperty("RetryBaseDelay").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dashboard.Web.Alerts.AlertOptions().AttemptTimeout, TimeSpan.Parse(example.RootElement.GetProperty("Alerts").GetProperty("AttemptTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dashboard.Web.Connections.SweepOptions().RequestsPerSecond, example.RootElement.GetProperty("Sweep").GetProperty("RequestsPerSecond").GetDouble());
        Assert.Equal(new VitalOptions().Resilience.AttemptTimeout, TimeSpan.Parse(example.RootElement.GetProperty("Vital").GetProperty("Resilience").GetProperty("AttemptTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string ExamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "appsettings.Example.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("appsettings.Example.json not found above " + AppContext.BaseDirectory);
    }

    private static HashSet<string> DocumentedKeys()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExamplePath()), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            foreach (var property in element.EnumerateObject())
            {
                var key = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    Walk(property.Value, key);
                }
                else
                {
                    keys.Add(key);
                }
            }
        }

        Walk(document.RootElement, string.Empty);
        return keys;
    }

    /// <summary>Whether a bound key is a dictionary, whose entries are any names (Diagnosis:StaleAfterByProvider:garmin).</summary>
    private static bool IsDictionary(string key)
    {
        var parts = key.Split(':');
        var section = Sections.First(s => string.Equals(s.Section, string.Join(':', parts[..^1]), StringComparison.OrdinalIgnoreCase) || key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase));
        var type = section.Options;
        foreach (var name in key[(section.Section.Length + 1)..].Split(':'))
        {
            type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType ?? typeof(object);
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);
    }

    /// <summary>The configuration keys an options type binds: settable public properties, nested classes walked.</summary>
    private static IEnumerable<string> Keys(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var nested in Keys(key, propertyType))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }
}
