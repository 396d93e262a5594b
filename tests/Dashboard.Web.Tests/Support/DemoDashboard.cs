using Vital.Simulator;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The host in demo mode on its 120-user simulated team. The simulator's <see cref="VitalSimulator.RequestCount"/>
/// counts the upstream calls the host makes.
/// </summary>
public class DemoDashboard : DashboardFixture
{
    public DemoDashboard()
        : this(new Dictionary<string, string?>())
    {
    }

    protected DemoDashboard(IDictionary<string, string?> settings)
        : base(settings)
    {
    }

    public VitalSimulator Simulator => Factory.Services.GetRequiredService<VitalSimulator>();

    /// <summary>The id of the simulated user placed for a scenario (see <see cref="ScenarioNames"/>).</summary>
    public string UserOf(string scenario) => Simulator.Team.Scenarios[scenario];
}
