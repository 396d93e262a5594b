using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// <c>Auth:Mode=TrustedProxy</c>: the signed-in person's email comes from a header (<c>Auth:TrustedProxy:UserHeader</c>)
/// set by a proxy such as oauth2-proxy, and is believed only when the connection's peer (captured before forwarded
/// headers run, see <see cref="PeerAddress"/>) is in <c>Auth:TrustedProxy:KnownProxies</c>. The same header from any
/// other address is refused with 403 and a warning in the log; no header at all is 401.
/// </summary>
internal sealed partial class TrustedProxyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "TrustedProxy";

    /// <summary>Longest identity accepted (an email address is at most 254 characters).</summary>
    public const int MaxUserLength = 320;

    /// <summary>The claim type the proxy's groups are kept under.</summary>
    public const string GroupsClaim = "groups";

    /// <summary>At most this many groups are read, each at most <see cref="MaxGroupLength"/> characters; the rest are ignored.</summary>
    public const int MaxGroups = 256;

    public const int MaxGroupLength = 256;

    private static readonly object SpoofedKey = new();

    private readonly ILogger _log = loggerFactory.CreateLogger<TrustedProxyAuthenticationHandler>();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = authOptions.CurrentValue.TrustedProxy;
        var values = Request.Headers[settings.UserHeader];
        if (values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var peer = PeerAddress.Of(Context);
        if (!PeerAddress.IsIn(peer, PeerAddress.ParseNetworks(settings.KnownProxies)))
        {
            Context.Items[SpoofedKey] = true;
            LogUntrustedPeer(_log, settings.UserHeader, peer?.ToString() ?? "unknown", Request.Path);
            return Task.FromResult(AuthenticateResult.Fail($"{settings.UserHeader} came from an address that is not a trusted proxy."));
        }

        var user = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(user) || user.Length > MaxUserLength || user.Any(char.IsControl))
        {
            LogMalformedUser(_log, settings.UserHeader, peer?.ToString() ?? "unknown");
            return Task.FromResult(AuthenticateResult.Fail($"{settings.UserHeader} does not hold one user."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        if (user.Contains('@', StringComparison.Ordinal))
        {
            claims.Add(new Claim(ClaimTypes.Email, user));
        }

        if (!string.IsNullOrWhiteSpace(settings.GroupsHeader))
        {
            claims.AddRange(Groups(Request.Headers[settings.GroupsHeader]).Select(g => new Claim(GroupsClaim, g)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The groups in a header: comma-separated, or one header line each; blank, control-character and over-long names are dropped.</summary>
    public static IEnumerable<string> Groups(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(g => g.Length <= MaxGroupLength && !g.Any(char.IsControl))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxGroups);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(SpoofedKey))
        {
            return WriteAsync(StatusCodes.Status403Forbidden, "Forbidden",
                "This request carried a sign-in header from an address that is not the dashboard's sign-in proxy. Open the dashboard through its usual address.");
        }

        return WriteAsync(StatusCodes.Status401Unauthorized, "Sign-in required",
            "The dashboard is reached through the company's sign-in proxy. Open it through its usual address to sign in.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", "This account may not use the dashboard.");

    private Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        Response.Headers.CacheControl = "no-store";
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning,
        Message = "Refused the {Header} header from {PeerAddress}, which is not in Auth:TrustedProxy:KnownProxies (request {Path})")]
    private static partial void LogUntrustedPeer(ILogger logger, string header, string peerAddress, PathString path);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
        Message = "Refused a {Header} header from trusted proxy {PeerAddress} that does not hold one plausible user")]
    private static partial void LogMalformedUser(ILogger logger, string header, string peerAddress);
}
