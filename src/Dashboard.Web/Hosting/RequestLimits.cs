using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dashboard.Web.Hosting;

internal static class RequestLimits
{
    /// <summary>The dashboard takes no uploads: a sign-out form is the largest body it reads.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Open WebSockets (pages) the whole server holds at once: a support team's worth, many times over.</summary>
    public const long MaxUpgradedConnections = 1000;

    /// <summary>
    /// Small bodies, ordinary request lines (a user id or a few filters fit easily), headers large enough for a
    /// chunked sign-in cookie with a long group list, and quick timeouts for slow senders.
    /// </summary>
    public static IServiceCollection AddDashboardRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            options.Limits.MaxRequestLineSize = 8 * 1024;
            options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            options.Limits.MaxRequestHeaderCount = 100;
            options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            // Every open page holds one (its circuit's WebSocket); each person holds at most Ui:HubConnectionsPerPerson.
            options.Limits.MaxConcurrentUpgradedConnections = MaxUpgradedConnections;
        });
        return services;
    }
}
