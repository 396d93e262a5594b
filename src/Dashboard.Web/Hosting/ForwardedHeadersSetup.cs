using Dashboard.Web.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>The <c>ForwardedHeaders</c> configuration section.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>
    /// Proxies (addresses or CIDR ranges, <c>…:KnownNetworks:0</c>, <c>:1</c>, …) whose <c>X-Forwarded-*</c> headers
    /// are believed, in addition to loopback.
    /// </summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal static class ForwardedHeadersSetup
{
    /// <summary>
    /// Behind a reverse proxy, links pasted into tickets must carry the address people use
    /// (<c>https://dashboard.example</c>), not the container's. The proxy's <c>X-Forwarded-For</c>, <c>-Proto</c> and
    /// <c>-Host</c> are applied only when the request comes from loopback or a network listed in
    /// <c>ForwardedHeaders:KnownNetworks</c>; anyone else's are ignored.
    /// </summary>
    public static IServiceCollection AddDashboardForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>()
            .Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName))
            .Validate(
                s => s.KnownNetworks.All(e => AuthOptionsValidator.TryParseNetwork(e, out _)),
                "ForwardedHeaders:KnownNetworks must list IP addresses or CIDR ranges such as 10.0.0.0/8.")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

                // The defaults (127.0.0.0/8 and ::1) stay: loopback is trusted.
                foreach (var entry in settings.Value.KnownNetworks)
                {
                    if (AuthOptionsValidator.TryParseNetwork(entry, out var network))
                    {
                        options.KnownIPNetworks.Add(network);
                    }
                }
            });

        return services;
    }
}
