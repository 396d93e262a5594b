namespace Dashboard.Web.Security;

public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: from user-secrets, the environment or <c>/run/secrets</c>; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Email domains allowed in (e.g. <c>example.com</c>); an address counts only when the provider says it is verified
    /// (<c>email_verified=true</c>).
    /// </summary>
    public List<string> AllowedEmailDomains { get; set; } = [];

    /// <summary>Group claim values allowed in (any one is enough).</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>
    /// With neither <see cref="AllowedEmailDomains"/> nor <see cref="AllowedGroups"/>, the dashboard refuses to start
    /// unless this says that anyone the identity provider signs in may read the team's data (a provider that holds
    /// the company's staff alone).
    /// </summary>
    public bool AllowAnyone { get; set; }

    /// <summary>The claim that carries groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes asked for besides <c>openid profile email</c> (some providers need <c>groups</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Everything but the secret, for logs.</summary>
    public override string ToString() =>
        $"Authority={Authority}, ClientId={ClientId}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "(set)")}, " +
        $"AllowedEmailDomains=[{string.Join(", ", AllowedEmailDomains)}], AllowedGroups=[{string.Join(", ", AllowedGroups)}], AllowAnyone={AllowAnyone}";
}
