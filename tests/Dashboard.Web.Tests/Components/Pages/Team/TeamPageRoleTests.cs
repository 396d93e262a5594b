using System.Security.Claims;
using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The team page offers the team CSV only to those who may download it (the exporter role).</summary>
public sealed class TeamPageRoleTests : DashboardContext
{
    private IRenderedComponent<TeamPage> OpenAs(string email, params string[] groups)
    {
        Services.Configure<AuthOptions>(o =>
        {
            o.Mode = AuthMode.TrustedProxy;
            o.Roles.Exporter = ["support-exporters"];
        });
        SignedIn.SignIn(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Email, email), .. groups.Select(g => new Claim(TrustedProxyAuthenticationHandler.GroupsClaim, g))],
            TrustedProxyAuthenticationHandler.SchemeName)));
        Snapshots.Current = TestSnapshots.Complete(TestPulls.User(1).Pull("oura", "sleep", "failure"));
        OpenAt("/");
        return Render<TeamPage>();
    }

    [Fact]
    public void Open_ViewerWithoutExporter_NoDownloadButtonButTheGrid()
    {
        var cut = OpenAs("vera@example.com", "staff");

        Assert.Empty(cut.FindAll("[data-testid=download-csv]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=team-grid]"));
    }

    [Fact]
    public void Open_Exporter_DownloadButtonLinksToTheCsv()
    {
        var cut = OpenAs("eric@example.com", "support-exporters");

        Assert.StartsWith("/api/users.csv", cut.Find("[data-testid=download-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SignInOff_EveryoneSeesTheDownloadButton()
    {
        Snapshots.Current = TestSnapshots.Complete(TestPulls.User(1).Pull("oura", "sleep", "failure"));
        OpenAt("/");

        var cut = Render<TeamPage>();

        Assert.Single(cut.FindAll("[data-testid=download-csv]"));
    }
}
