using System.Net;

namespace Dashboard.Web.Security;

internal static class PeerAddress
{
    /// <summary>Must be the first middleware: everything after it may rewrite the connection's address.</summary>
    public static IApplicationBuilder UsePeerAddressCapture(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Features.Set(new PeerAddressFeature(context.Connection.RemoteIpAddress));
            return next(context);
        });

    /// <summary>The captured peer, or null when the capture did not run (then nothing is trusted).</summary>
    public static IPAddress? Of(HttpContext context) => context.Features.Get<PeerAddressFeature>()?.Address;

    /// <summary>Whether <paramref name="address"/> falls in any of <paramref name="networks"/>.</summary>
    public static bool IsIn(IPAddress? address, IReadOnlyList<System.Net.IPNetwork> networks)
    {
        if (address is null)
        {
            return false;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a list of addresses or CIDR ranges; entries that are neither are skipped (the validator reports them).</summary>
    public static List<System.Net.IPNetwork> ParseNetworks(IEnumerable<string> entries)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (AuthOptionsValidator.TryParseNetwork(entry, out var network))
            {
                networks.Add(network);
            }
        }

        return networks;
    }
}
