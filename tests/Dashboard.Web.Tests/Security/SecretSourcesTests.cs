using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Where the key comes from: a key-per-file directory (Docker secrets; moved with <c>DASHBOARD_SECRETS_DIR</c>, passed
/// here as a host setting so parallel tests do not share a process-wide variable), the environment, and user-secrets
/// in Development.
/// </summary>
public sealed class SecretSourcesTests : IDisposable
{
    private readonly DirectoryInfo _secrets = Directory.CreateTempSubdirectory("dashboard-secrets-");

    [Fact]
    public async Task KeyPerFile_DockerSecretWithATrailingNewline_SuppliesTheKey()
    {
        const string key = "sk_eu_FROMAFILE_0123456789abcdef";
        await File.WriteAllTextAsync(Path.Combine(_secrets.FullName, "Vital__ApiKey"), key + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_secrets.FullName, "README.md"), "not configuration", TestContext.Current.CancellationToken);
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["DASHBOARD_SECRETS_DIR"] = _secrets.FullName,
            ["Auth:Mode"] = "None",
            ["Auth:AllowAnonymous"] = "true",
        });

        var options = factory.Services.GetRequiredService<IOptions<VitalOptions>>().Value;
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(key, options.ApiKey);
        Assert.Equal(VitalMode.Live, options.EffectiveMode);
        Assert.Equal(VitalEnvironment.FromApiKey(key)!.BaseUrl, options.EffectiveBaseUrl);
        Assert.Null(configuration["README.md"]);
    }

    [Fact]
    public async Task KeyPerFile_AlertsWebhookFromAFile_TurnsAlertsOnAndIsMasked()
    {
        const string webhook = "https://hooks.example.com/services/T000/B000/FROMAFILEsecret";
        await File.WriteAllTextAsync(Path.Combine(_secrets.FullName, "Alerts__WebhookUrl"), webhook + "\n", TestContext.Current.CancellationToken);
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["DASHBOARD_SECRETS_DIR"] = _secrets.FullName,
            ["Alerts:DashboardUrl"] = "https://dashboard.example.com",
        });

        var options = factory.Services.GetRequiredService<IOptions<Dashboard.Web.Alerts.AlertOptions>>().Value;
        var queue = factory.Services.GetRequiredService<IOptions<Dashboard.Store.Alerts.AlertQueueOptions>>().Value;
        var masker = factory.Services.GetRequiredService<Dashboard.Web.Security.SecretMasker>();

        Assert.Equal(webhook, options.WebhookUrl);
        Assert.True(queue.Enabled);
        Assert.Equal("to ***", masker.Apply("to " + webhook));
    }

    [Fact]
    public async Task KeyPerFile_LiveKeyFromAFileWithoutSignIn_StillRefusesToStart()
    {
        await File.WriteAllTextAsync(Path.Combine(_secrets.FullName, "Vital__ApiKey"), "sk_us_FROMAFILE_0123456789abcdef", TestContext.Current.CancellationToken);
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["DASHBOARD_SECRETS_DIR"] = _secrets.FullName });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:AllowAnonymous", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_Production_EnvironmentBeforeTheSecretsDirectory()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["DASHBOARD_SECRETS_DIR"] = _secrets.FullName });
        _ = factory.Server;

        var providers = ((IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>()).Providers.ToList();
        var environment = providers.FindLastIndex(p => p is EnvironmentVariablesConfigurationProvider);
        var keyPerFile = providers.FindIndex(p => p is KeyPerFileConfigurationProvider);

        Assert.True(environment >= 0, "Environment variables (Vital__ApiKey) are a configuration source");
        Assert.True(keyPerFile > environment, "A mounted secret wins over the environment");
    }

    [Fact]
    public async Task Sources_Development_ReadUserSecrets()
    {
        await using var factory = new DashboardFactory().WithWebHostBuilder(b => b.UseEnvironment("Development"));
        _ = factory.Server;

        var providers = ((IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>()).Providers;

        Assert.Contains(providers, p => p is JsonConfigurationProvider json
            && json.Source.Path?.EndsWith("secrets.json", StringComparison.Ordinal) == true);
    }

    public void Dispose() => _secrets.Delete(recursive: true);
}
