using System.Security.Claims;

namespace Dashboard.Web.Security;

/// <summary>
/// The one place that says which roles a signed-in person holds, from the current configuration (a reload applies to
/// the next request, and to open pages at their next re-check). Code that needs to know asks here, or authorizes
/// with a policy from <see cref="DashboardPolicies"/>:
/// <code>
/// if (roles.IsOperator(user)) { … }                                   // a service or view model
/// endpoint.RequireAuthorization(DashboardPolicies.Operator);          // an endpoint: 403 with a problem body otherwise
/// &lt;AuthorizeView Policy="@DashboardPolicies.Operator"&gt;…&lt;/AuthorizeView&gt;  // a page: shown only to operators
/// </code>
/// </summary>
public interface IDashboardRoles
{
    /// <summary>The roles of <paramref name="user"/>; <see cref="DashboardRole.None"/> for nobody signed in.</summary>
    DashboardRole Of(ClaimsPrincipal? user);

    /// <summary>Whether <paramref name="user"/> may ask Vital to refresh (never without sign-in).</summary>
    bool IsOperator(ClaimsPrincipal? user) => Of(user).HasFlag(DashboardRole.Operator);

    /// <summary>Whether <paramref name="user"/> may download the team CSV.</summary>
    bool IsExporter(ClaimsPrincipal? user) => Of(user).HasFlag(DashboardRole.Exporter);
}
