using MudBlazor;
using Bunit;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

public sealed class ProviderTabsTests : DashboardContext
{
    private readonly List<string> _focused = [];

    private IRenderedComponent<ProviderTabs> RenderTabs(Vital.Introspection.UserHistoricalPulls pulls, string? focus = null) =>
        Render<ProviderTabs>(p => p.Add(c => c.Diagnosis, Diagnose(pulls)).Add(c => c.Focus, focus)
            .Add(c => c.OnFocus, EventCallback.Factory.Create<string>(this, _focused.Add)));

    private static IReadOnlyList<string> Tabs(IRenderedComponent<ProviderTabs> cut) => [.. cut.FindAll("[role=tab]").Select(t => t.TextContent.Trim())];

    private static string Active(IRenderedComponent<ProviderTabs> cut) => cut.Find("[role=tab][aria-selected=true]").TextContent.Trim();

    [Fact]
    public void Render_OneTabPerProviderByNameWithItsWorstStatusIcon()
    {
        var cut = RenderTabs(User(1).Pull("apple_health_kit", "steps", "retrying").Pull("oura", "sleep", "success").Pull("oura", "workouts", "failure"));

        Assert.Equal(["Apple HealthKit", "Oura"], Tabs(cut));
        var icons = cut.FindAll("[role=tab] svg");
        Assert.Equal("color: var(--mud-palette-warning)", icons[0].GetAttribute("style"));
        Assert.Equal("color: var(--mud-palette-error)", icons[1].GetAttribute("style"));
        Assert.Equal(["Worst status: Retrying", "Worst status: Failed"], cut.FindAll("[role=tab] .provider-tab").Select(t => t.GetAttribute("title")));
        Assert.Empty(cut.FindComponents<MudTooltip>());
        Assert.Empty(cut.FindComponents<MudIcon>());
    }

    [Fact]
    public void Render_NoFocus_OpensTheMostSevereProviderFirstAmongEquals()
    {
        var cut = RenderTabs(User(1).Pull("fitbit", "sleep", "retrying").Pull("garmin", "sleep", "success").Pull("oura", "sleep", "retrying"));

        Assert.Equal("Fitbit", Active(cut));
    }

    [Fact]
    public void Render_Focus_OpensThatProvider()
    {
        var cut = RenderTabs(User(1).Pull("fitbit", "sleep", "failure").Pull("garmin", "sleep", "success"), focus: "garmin");

        Assert.Equal("Garmin", Active(cut));
        Assert.Empty(_focused);
    }

    [Fact]
    public void Click_AnotherTab_AsksToFocusIt()
    {
        var cut = RenderTabs(User(1).Pull("fitbit", "sleep", "failure").Pull("garmin", "sleep", "success"), focus: "fitbit");

        cut.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Garmin").Click();

        Assert.Equal(["garmin"], _focused);
    }

    [Fact]
    public void Click_TheOpenTab_NothingToDo()
    {
        var cut = RenderTabs(User(1).Pull("fitbit", "sleep", "failure").Pull("garmin", "sleep", "success"), focus: "fitbit");

        cut.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Fitbit").Click();

        Assert.Empty(_focused);
    }
}
