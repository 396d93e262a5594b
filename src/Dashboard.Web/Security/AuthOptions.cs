namespace Dashboard.Web.Security;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>Must be true to run <see cref="AuthMode.None"/> against a live key.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Who to ask for access, shown on the access-denied page (a team, a channel, an address).</summary>
    public string? AccessContact { get; set; }

    /// <summary>A signed-in session ends this many hours after the sign-in however active it is (besides 8 idle hours).</summary>
    public int SessionHours { get; set; } = 10;

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    public TrustedProxySettings TrustedProxy { get; set; } = new();

    /// <summary>Who holds which role (with sign-in); see <see cref="IDashboardRoles"/>.</summary>
    public RolesSettings Roles { get; set; } = new();
}
