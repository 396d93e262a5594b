using System.Net;

namespace Dashboard.Web.Security;

/// <summary>
/// The address of the machine that actually opened the connection, captured before forwarded headers rewrite
/// <see cref="ConnectionInfo.RemoteIpAddress"/> to the client a proxy names. Trust decisions (may this peer set
/// the trusted-proxy identity header?) are made on this, never on a value a client can influence.
/// </summary>
public sealed class PeerAddressFeature(IPAddress? address)
{
    /// <summary>The peer, IPv4-mapped IPv6 addresses unwrapped; null when the server does not know it.</summary>
    public IPAddress? Address { get; } = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
