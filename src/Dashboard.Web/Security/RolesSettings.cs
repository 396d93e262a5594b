namespace Dashboard.Web.Security;

/// <summary>
/// <c>Auth:Roles</c>: who holds each role, as group names (exact, case-sensitive) or email addresses (case aside;
/// with OpenID Connect only a verified address counts). Groups come from the identity provider's groups claim
/// (<c>Auth:OpenIdConnect:GroupsClaim</c>) or the sign-in proxy's header (<c>Auth:TrustedProxy:GroupsHeader</c>).
/// Without sign-in (<c>Auth:Mode=None</c>) these are not read: everyone is a viewer and an exporter, never an operator.
/// </summary>
public sealed class RolesSettings
{
    /// <summary>Who may see the dashboard at all. Empty: everyone sign-in admits.</summary>
    public List<string> Viewer { get; set; } = [];

    /// <summary>Who may download the team CSV. Empty: nobody.</summary>
    public List<string> Exporter { get; set; } = [];

    /// <summary>Who may ask Vital to refresh a user's data. Empty: nobody.</summary>
    public List<string> Operator { get; set; } = [];
}
