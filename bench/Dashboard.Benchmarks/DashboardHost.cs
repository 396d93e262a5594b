using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// The real dashboard (its Program, services and middleware) inside the harness, so the harness can read the
/// process's heap and the dashboard's services. Production environment; settings as configuration, like the
/// environment variables of a deployed dashboard.
/// </summary>
internal sealed class DashboardHost : WebApplicationFactory<Program>
{
    /// <summary>
    /// Any non-empty value: the simulator only checks that a key is sent. Deliberately not shaped like a Vital key
    /// (no region prefix), so it cannot be mistaken for one; <c>Vital:BaseUrl</c> is always set beside it.
    /// </summary>
    public const string BenchApiKey = "bench-simulator-key";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public DashboardHost(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "None",
            ["Auth:AllowAnonymous"] = "true",
            ["Api:RequestsPerMinute"] = "100000",
            // Every tab the circuit figures open is the same anonymous person; the default (10 hub connections a person) would refuse the rest.
            ["Ui:HubConnectionsPerPerson"] = "1000",
            // A fresh history store per host: the default file under the content root would hand the next host the team
            // the last one stored, shown at start (a restart's fast path), so a "before the scan" heap already held a team.
            ["Store:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"dashboard-bench-{Guid.NewGuid():N}.db")}",
            // The harness prints results on stdout; the dashboard's information log would drown them.
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The connection sweep (2 requests a second from the first complete scan on) would add to every request
            // count, and the harness's "the upstream is quiet" waits would never end.
            ["Sweep:RequestsPerSecond"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        _services = services;
    }

    /// <summary>Live against a simulator host over HTTP (the key only has to be present there).</summary>
    public static Dictionary<string, string?> Live(string baseUrl) => new()
    {
        ["Vital:ApiKey"] = BenchApiKey,
        ["Vital:BaseUrl"] = baseUrl,
    };

    /// <summary>Demo mode: the simulated team in process, no network, no latency.</summary>
    public static Dictionary<string, string?> InProcess(int users) => new()
    {
        ["Simulator:Users"] = users.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Simulator:Seed"] = "1",
    };

    /// <summary>Serves on a real loopback port (for a browser); call before anything else touches the host.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // A built (not published) app finds blazor.web.js and the CSS through the static web assets manifest.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
