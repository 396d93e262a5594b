using System.Net;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Security;

/// <summary>
/// Secure by default: a live key with <c>Auth:Mode=None</c> and no explicit <c>Auth:AllowAnonymous=true</c> refuses
/// to start; each sign-in mode must be complete. One message per problem, naming the key.
/// </summary>
internal sealed class AuthOptionsValidator(IOptions<VitalOptions> vital) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = new List<string>();
        // Anything but the simulator counts as live here, so an odd Vital:Mode can never relax sign-in.
        var live = vital.Value.EffectiveMode != VitalMode.Simulator;

        switch (options.Mode)
        {
            case AuthMode.None when live && !options.AllowAnonymous:
                problems.Add(
                    "Auth:Mode is None while a live Vital:ApiKey is configured, so anyone who reaches the dashboard would read your team's data. " +
                    "Set Auth:Mode to OpenIdConnect or TrustedProxy, or set Auth:AllowAnonymous=true if the dashboard is protected some other way.");
                break;

            case AuthMode.OpenIdConnect:
                var oidc = options.OpenIdConnect;
                if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
                {
                    problems.Add("Auth:OpenIdConnect:Authority must be the identity provider's https URL when Auth:Mode is OpenIdConnect.");
                }

                if (string.IsNullOrWhiteSpace(oidc.ClientId))
                {
                    problems.Add("Auth:OpenIdConnect:ClientId is required when Auth:Mode is OpenIdConnect.");
                }

                if (oidc.AllowedEmailDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains('@', StringComparison.Ordinal)))
                {
                    problems.Add("Auth:OpenIdConnect:AllowedEmailDomains must hold domains such as example.com (no @, no blanks).");
                }

                if (oidc.AllowedGroups.Any(string.IsNullOrWhiteSpace))
                {
                    problems.Add("Auth:OpenIdConnect:AllowedGroups must not hold blank entries.");
                }

                if (oidc.AllowedEmailDomains.Count == 0 && oidc.AllowedGroups.Count == 0 && !oidc.AllowAnyone)
                {
                    problems.Add(
                        "Auth:OpenIdConnect:AllowedEmailDomains and Auth:OpenIdConnect:AllowedGroups are both empty, so anyone who can sign in at the identity provider " +
                        "would read your team's data. List the allowed email domains or groups, or set Auth:OpenIdConnect:AllowAnyone=true if the provider holds your staff alone.");
                }

                if (string.IsNullOrWhiteSpace(oidc.GroupsClaim))
                {
                    problems.Add("Auth:OpenIdConnect:GroupsClaim must name the claim that carries groups (usually groups).");
                }

                break;

            case AuthMode.TrustedProxy:
                if (string.IsNullOrWhiteSpace(options.TrustedProxy.UserHeader))
                {
                    problems.Add("Auth:TrustedProxy:UserHeader is required when Auth:Mode is TrustedProxy.");
                }

                if (options.TrustedProxy.KnownProxies.Count == 0)
                {
                    problems.Add("Auth:TrustedProxy:KnownProxies must list the proxy's addresses or CIDR ranges when Auth:Mode is TrustedProxy.");
                }

                foreach (var entry in options.TrustedProxy.KnownProxies.Where(e => !TryParseNetwork(e, out _)))
                {
                    problems.Add($"Auth:TrustedProxy:KnownProxies has an entry that is not an IP address or CIDR range: '{entry}'.");
                }

                if (!options.TrustedProxy.AllowWideRanges)
                {
                    foreach (var entry in options.TrustedProxy.KnownProxies.Where(e => TryParseNetwork(e, out var network) && IsWide(network)))
                    {
                        problems.Add(
                            $"Auth:TrustedProxy:KnownProxies has a range wider than /16 (IPv4) or /48 (IPv6): '{entry}'. Every address in it could sign in as anyone: " +
                            "name the sign-in proxy's own address, or set Auth:TrustedProxy:AllowWideRanges=true if the whole range is yours.");
                    }
                }

                if (options.TrustedProxy.SignOutUrl is { Length: > 0 } signOut && !IsSignOutUrl(signOut))
                {
                    problems.Add("Auth:TrustedProxy:SignOutUrl must be a path on this site (/oauth2/sign_out) or an absolute https URL.");
                }

                break;
        }

        foreach (var (role, entries) in new[] { ("viewer", options.Roles.Viewer), ("exporter", options.Roles.Exporter), ("operator", options.Roles.Operator) })
        {
            if (entries.Any(e => string.IsNullOrWhiteSpace(e) || (e.Contains('@', StringComparison.Ordinal) && !IsEmail(e.Trim()))))
            {
                problems.Add($"Auth:Roles:{role} must hold group names or whole email addresses (alice@example.com), no blanks.");
            }
        }

        if (options.SessionHours is < 1 or > 168)
        {
            problems.Add("Auth:SessionHours must be between 1 and 168 (a week), such as 10.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add("Auth:Mode must be OpenIdConnect, TrustedProxy or None.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }

    private static bool IsSignOutUrl(string url) =>
        ReturnUrls.Sanitize(url) == url
        || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps);

    /// <summary>Wider than a /16 (IPv4, IPv4-mapped IPv6 included) or a /48 (IPv6).</summary>
    public static bool IsWide(System.Net.IPNetwork network)
    {
        var address = network.BaseAddress;
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return network.PrefixLength < 16;
        }

        return address.IsIPv4MappedToIPv6 ? network.PrefixLength < 96 + 16 : network.PrefixLength < 48;
    }

    /// <summary>An address (<c>10.0.0.5</c>) or a range (<c>10.0.0.0/8</c>).</summary>
    public static bool TryParseNetwork(string? text, out System.Net.IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return System.Net.IPNetwork.TryParse(text, out network);
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}
