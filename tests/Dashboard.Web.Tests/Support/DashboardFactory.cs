using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Exporter;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The real dashboard host in process. Settings go in as configuration (like environment variables would);
/// <see cref="Upstream"/>, when set, replaces the network under the real client, resilience and cache included.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <summary>The history store's SQLite file goes here, never into the repository (deleted with the factory).</summary>
    private readonly string _storeFolder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    public DashboardFactory(IDictionary<string, string?>? settings = null, HttpMessageHandler? upstream = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Simulator:Users"] = "120",
            ["Simulator:Seed"] = "7",
            // Tests check behaviour, not back-off: keep retries quick.
            ["Vital:Resilience:BaseDelay"] = "00:00:00.010",
            ["Vital:Resilience:MaxDelay"] = "00:00:02",
            ["Store:ConnectionString"] = $"Data Source={Path.Combine(_storeFolder, "dashboard.db")}",
            // The connection sweep would add its own reads of the upstream to every test's; the tests of the sweep
            // in the host turn it on.
            ["Sweep:RequestsPerSecond"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        Upstream = upstream;
        ExtraServices = services;
    }

    public HttpMessageHandler? Upstream { get; }

    private Action<IServiceCollection>? ExtraServices { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (Upstream is not null)
            {
                services.AddHttpClient(VitalIntrospectionServiceCollectionExtensions.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => Upstream);
            }

            // /metrics answers from a 300 ms cache by default: tests read the figures of the moment they scrape.
            services.Configure<PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0);

            ExtraServices?.Invoke(services);
        });
    }

    /// <summary>The fake clock a test gave the dashboard, read once its host is built; null for the system clock.</summary>
    private FakeTimeProvider? _fakeClock;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _fakeClock = host.Services.GetService<TimeProvider>() as FakeTimeProvider;
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        // A test that gave the dashboard a fake clock: it moves on by itself while the host stops and is disposed
        // (FakeClock.WhileTickingAsync says why).
        if (_fakeClock is { } clock)
        {
            await FakeClock.WhileTickingAsync(clock, async () => await base.DisposeAsync());
        }
        else
        {
            await base.DisposeAsync();
        }

        DeleteStoreFolder();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteStoreFolder();
    }

    private void DeleteStoreFolder()
    {
        try
        {
            if (Directory.Exists(_storeFolder))
            {
                Directory.Delete(_storeFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleaning.
        }
    }

    /// <summary>A client that does not follow redirects, so tests see them.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
