using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// With sign-in off, the dashboard belongs on loopback (or behind something that decides who reaches it). Once the
/// server listens, this says so in the log when it listens beyond this machine.
/// </summary>
internal static partial class ListenAddressReport
{
    public static void WarnWhenExposed(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (auth.Mode != AuthMode.None)
            {
                return;
            }

            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
            if (exposed.Count > 0)
            {
                LogExposed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Startup"), string.Join(", ", exposed));
            }
        });
    }

    /// <summary>
    /// Whether a listening address (<c>http://127.0.0.1:5000</c>, <c>http://+:8080</c>, <c>http://[::]:8080</c>) only
    /// accepts connections from this machine. Wildcards and names other than <c>localhost</c> do not.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        var host = address;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? host[1..end] : host;
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(EventId = 9205, Level = LogLevel.Warning,
        Message = "Sign-in is off (Auth:Mode=None) and the dashboard listens beyond this machine's loopback on {Addresses}: anyone who reaches it reads the team's data. It answers only the host names in AllowedHosts; keep it behind a VPN or a private network, or turn sign-in on")]
    private static partial void LogExposed(ILogger logger, string addresses);
}
