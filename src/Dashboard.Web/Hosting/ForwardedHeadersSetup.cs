using Dashboard.Web.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

internal static class ForwardedHeadersSetup
{
    /// <summary>
    /// Behind a reverse proxy that terminates TLS, the scheme, host and client address come from its
    /// <c>X-Forwarded-*</c> headers, but only from the proxies listed in <c>ForwardedHeaders:KnownNetworks</c>
    /// (the framework's default trust of loopback is dropped: nothing is trusted unless listed).
    /// </summary>
    public static IServiceCollection AddDashboardForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName))
            .Validate(s => s.KnownNetworks.TrueForAll(e => AuthOptionsValidator.TryParseNetwork(e, out _)),
                "ForwardedHeaders:KnownNetworks must hold IP addresses or CIDR ranges such as 10.0.0.0/8.")
            .Validate(s => s.ForwardLimit is >= 1 and <= 10, "ForwardedHeaders:ForwardLimit must be between 1 and 10.")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = settings.Value.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in PeerAddress.ParseNetworks(settings.Value.KnownNetworks))
            {
                options.KnownIPNetworks.Add(network);
            }
        });

        return services;
    }

    /// <summary>Applies forwarded headers when proxies are configured; runs after the peer address is captured.</summary>
    public static IApplicationBuilder UseDashboardForwardedHeaders(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        return settings.KnownNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }
}
