using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Layout;

public sealed class EnvironmentBannerTests : DashboardContext
{
    [Fact]
    public void Render_Demo_SaysTheDataIsSimulatedAndHowToSeeRealUsers()
    {
        Environment.IsDemo = true;

        var banner = Render<EnvironmentBanner>().Find("[role=status]");

        Assert.StartsWith("Demo data.", banner.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Vital:ApiKey", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-outlined-info", banner.ClassList);
    }

    [Fact]
    public void Render_AnonymousLive_WarnsThatAnyoneCanSeeTheTeam()
    {
        Environment.IsAnonymousLive = true;

        var banner = Render<EnvironmentBanner>().Find("[role=status]");

        Assert.StartsWith("Sign-in is off.", banner.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-outlined-warning", banner.ClassList);
    }

    [Fact]
    public void Render_LiveWithSignIn_NoBanner()
    {
        var cut = Render<EnvironmentBanner>();

        Assert.Equal(string.Empty, cut.Markup.Trim());
    }
}
