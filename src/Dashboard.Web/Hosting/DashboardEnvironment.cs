using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Hosting;

internal sealed class DashboardEnvironment(IOptions<VitalOptions> vital, IOptions<Security.AuthOptions> auth) : IDashboardEnvironment
{
    public bool IsDemo => vital.Value.EffectiveMode == VitalMode.Simulator;

    public bool IsAnonymousLive => !IsDemo && auth.Value.Mode == Security.AuthMode.None;

    public string UpstreamHost => IsDemo ? "the simulated team" : vital.Value.EffectiveBaseUrl?.Host ?? "Vital";
}
