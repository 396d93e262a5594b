using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class TimeModeSwitchTests : DashboardContext
{
    private static void Choose(IRenderedComponent<TimeModeSwitch> cut, string text) =>
        cut.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Render_ThreeChoicesWithTheCurrentOneSelected()
    {
        Times.SetMode(TimeDisplayMode.Relative);

        var cut = Render<TimeModeSwitch>();

        Assert.Equal(["UTC", "Local", "Relative"], cut.FindAll(".mud-toggle-item").Select(b => b.TextContent.Trim()));
        Assert.Equal("Relative", Assert.Single(cut.FindAll(".mud-toggle-item.time-mode-selected")).TextContent.Trim());
    }

    [Fact]
    public void Choose_Local_TzInTheUrlKeepingTheOtherParametersAndReplacingHistory()
    {
        OpenAt("/?status=failure&provider=oura");
        var cut = Render<TimeModeSwitch>();

        Choose(cut, "Local");

        Assert.Equal(TimeDisplayMode.Local, Times.Mode);
        Assert.Equal("http://localhost/?status=failure&provider=oura&tz=local", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void Choose_Relative_OnAUserPage()
    {
        OpenAt("/users/00000000-0000-4000-8000-000000000001?focus=oura");
        var cut = Render<TimeModeSwitch>();

        Choose(cut, "Relative");

        Assert.Equal("http://localhost/users/00000000-0000-4000-8000-000000000001?focus=oura&tz=relative", Navigation.Uri);
    }

    [Fact]
    public void Choose_Utc_TzLeavesTheUrl()
    {
        OpenAt("/?status=failure&tz=local");
        Times.SetMode(TimeDisplayMode.Local);
        var cut = Render<TimeModeSwitch>();

        Choose(cut, "UTC");

        Assert.Equal(TimeDisplayMode.Utc, Times.Mode);
        Assert.Equal("http://localhost/?status=failure", Navigation.Uri);
    }

    [Fact]
    public void ModeChangedElsewhere_SelectionFollows()
    {
        var cut = Render<TimeModeSwitch>();

        cut.InvokeAsync(() => Times.SetMode(TimeDisplayMode.Local));

        cut.WaitForAssertion(
            () => Assert.Equal("Local", Assert.Single(cut.FindAll(".mud-toggle-item.time-mode-selected")).TextContent.Trim()),
            TimeSpan.FromSeconds(2));
    }
}
