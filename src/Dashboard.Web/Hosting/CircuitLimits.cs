using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The Blazor circuit and hub settings, chosen rather than inherited: few disconnected circuits kept and not for long
/// (each holds a page's state), short JS calls, small messages (the dashboard takes no uploads through the hub), one
/// call at a time per client. Open connections per person: <see cref="Security.HubConnectionLimiter"/>.
/// </summary>
internal static class CircuitLimits
{
    public static void Configure(CircuitOptions options)
    {
        options.DetailedErrors = false;
        options.DisconnectedCircuitMaxRetained = 50;
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        options.MaxBufferedUnacknowledgedRenderBatches = 10;
    }

    public static void Configure(HubOptions options)
    {
        options.MaximumReceiveMessageSize = 32 * 1024;
        options.MaximumParallelInvocationsPerClient = 1;
        options.HandshakeTimeout = TimeSpan.FromSeconds(15);
        options.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
        options.KeepAliveInterval = TimeSpan.FromSeconds(15);
    }
}
