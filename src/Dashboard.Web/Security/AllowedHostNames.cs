using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Security;

/// <summary>
/// The host names the dashboard answers to (<c>AllowedHosts</c>, ASP.NET Core's host filtering: any other
/// <c>Host</c> gets 400). With sign-in off (<c>Auth:Mode=None</c>) a wildcard is not accepted: a web page a staff
/// member visits could point its own name at the dashboard (DNS rebinding) and read it as same-origin, so the
/// wildcard becomes the loopback names unless concrete names are configured.
/// </summary>
internal static class AllowedHostNames
{
    /// <summary>What <c>Auth:Mode=None</c> answers to when <c>AllowedHosts</c> names nothing concrete.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Registered after the framework's own post-configuration (which reads <c>AllowedHosts</c>, <c>*</c> when unset),
    /// so this sees its result and only narrows it.
    /// </summary>
    public static IServiceCollection AddDashboardAllowedHosts(this IServiceCollection services)
    {
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<AuthOptions>>((options, auth) =>
            options.AllowedHosts = Effective(options.AllowedHosts, auth.Value.Mode));
        return services;
    }

    /// <summary>The configured names; with <see cref="AuthMode.None"/>, without the bare wildcard, else <see cref="Loopback"/>.</summary>
    public static List<string> Effective(IEnumerable<string>? configured, AuthMode mode)
    {
        var hosts = (configured ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        if (mode != AuthMode.None)
        {
            return hosts.Count == 0 ? ["*"] : hosts;
        }

        hosts.RemoveAll(h => h == "*");
        return hosts.Count == 0 ? [.. Loopback] : hosts;
    }

    /// <summary>
    /// Whether <paramref name="host"/> is one the dashboard answers to, by the same rules as host filtering (port
    /// ignored, <c>*.example.com</c> for subdomains, an empty host allowed: HTTP/1.0 health probes send none).
    /// </summary>
    public static bool IsAllowed(HostString host, IList<string> allowed)
    {
        if (allowed.Contains("*") || !host.HasValue)
        {
            return true;
        }

        return HostString.MatchesAny(new StringSegment(host.Host), [.. allowed.Select(a => new StringSegment(a))]);
    }
}
