using System.Net;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>
/// Who may read <c>/metrics</c>: the client address (after the forwarded-headers rules, so a request through a trusted
/// proxy is its original client, never the proxy) in <c>Metrics:AllowedNetworks</c>; in demo mode with none listed,
/// anyone. Everyone else is answered 404, as for an address that does not exist: nothing says there is something here.
/// </summary>
internal sealed class MetricsAccess
{
    private readonly List<System.Net.IPNetwork> _networks;
    private readonly bool _anyone;

    public MetricsAccess(IOptions<MetricsOptions> options, IOptions<VitalOptions> vital)
    {
        _networks = PeerAddress.ParseNetworks(options.Value.AllowedNetworks);
        _anyone = _networks.Count == 0 && vital.Value.EffectiveMode == VitalMode.Simulator;
    }

    public string Description => _anyone ? "anyone (demo mode)" : string.Join(", ", _networks);

    public bool Allows(IPAddress? client) => _anyone || PeerAddress.IsIn(client, _networks);
}
