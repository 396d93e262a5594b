using System.Security.Claims;
using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Layout;

public sealed class CircuitAccessGuardTests : DashboardContext
{
    [Fact]
    public void Guard_WhileSignedIn_ShowsThePage()
    {
        var cut = Render<CircuitAccessGuard>(p => p.AddChildContent("<p data-testid=\"team-data\">data</p>"));

        Assert.NotEmpty(cut.FindAll("[data-testid=team-data]"));
        Assert.Empty(cut.FindAll("[data-testid=access-ended]"));
    }

    [Fact]
    public void Guard_AccessEndsOnTheOpenPage_HidesTheDataAndReloadsThePage()
    {
        OpenAt("/users/7aec8422-8174-4464-a4b2-b04c5939be0d");
        var cut = Render<CircuitAccessGuard>(p => p.AddChildContent("<p data-testid=\"team-data\">data</p>"));

        // What the revalidating provider does when the re-check fails: the circuit's user becomes nobody.
        SignedIn.SignIn(new ClaimsPrincipal(new ClaimsIdentity()));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=access-ended]")));
        Assert.Empty(cut.FindAll("[data-testid=team-data]"));
        var reload = Assert.Single(Navigation.History, h => h.Options.ForceLoad);
        Assert.EndsWith("/users/7aec8422-8174-4464-a4b2-b04c5939be0d", reload.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_AnotherSignedInIdentity_KeepsThePage()
    {
        var cut = Render<CircuitAccessGuard>(p => p.AddChildContent("<p data-testid=\"team-data\">data</p>"));

        SignedIn.SignIn(TestAuthenticationStateProvider.Anonymous);

        Assert.NotEmpty(cut.FindAll("[data-testid=team-data]"));
        Assert.DoesNotContain(Navigation.History, h => h.Options.ForceLoad);
    }
}
