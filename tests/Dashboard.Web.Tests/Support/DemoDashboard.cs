using Vital.Simulator;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A class fixture: the real host in demo mode on its 120-user simulated team, with one client. The simulator's
/// <see cref="VitalSimulator.RequestCount"/> counts the upstream calls the host makes.
/// </summary>
public class DemoDashboard : IAsyncDisposable
{
    public DemoDashboard()
        : this(new Dictionary<string, string?>())
    {
    }

    protected DemoDashboard(IDictionary<string, string?> settings, HttpMessageHandler? upstream = null)
    {
        // A test class makes more requests than a person would; the per-client limit is not under test here.
        var all = new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "100000" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        Factory = new DashboardFactory(all, upstream);
        Client = Factory.CreateClient();
    }

    public DashboardFactory Factory { get; }

    public HttpClient Client { get; }

    public VitalSimulator Simulator => Factory.Services.GetRequiredService<VitalSimulator>();

    /// <summary>The id of the simulated user placed for a scenario (see <see cref="ScenarioNames"/>).</summary>
    public string UserOf(string scenario) => Simulator.Team.Scenarios[scenario];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
