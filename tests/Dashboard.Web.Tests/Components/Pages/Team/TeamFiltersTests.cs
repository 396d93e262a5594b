using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Components.Pages.Team;

public sealed class TeamFiltersTests : DashboardContext
{
    private readonly List<TeamQuery> _changes = [];

    private static readonly TeamFacets Facets = new(["apple_health_kit", "oura"], ["heart_rate", "sleep"], [PullStatus.Success]);

    private IRenderedComponent<TeamFilters> RenderFilters(TeamQuery query) =>
        Render<TeamFilters>(p => p.Add(c => c.Query, query).Add(c => c.Facets, Facets)
            .Add(c => c.OnChange, EventCallback.Factory.Create<TeamQuery>(this, _changes.Add)));

    [Fact]
    public void Render_Options_TheTeamsProvidersAndResourcesPlusWhateverTheUrlAsksFor()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Providers = ["whoop"] });

        var selects = cut.FindComponents<MudSelect<string>>();
        cut.InvokeAsync(selects[0].Instance.OpenMenu);
        cut.InvokeAsync(selects[1].Instance.OpenMenu);
        cut.WaitForAssertion(() => Assert.Equal(["apple_health_kit", "oura", "whoop"], selects[0].Options()));
        Assert.Equal(["heart_rate", "sleep"], selects[1].Options());
    }

    [Fact]
    public void Render_Closed_TheSelectsHoldNoOptionComponents()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Providers = ["whoop"], Connections = ["error"] });

        Assert.Empty(cut.FindComponents<MudSelectItem<string>>());
        Assert.Equal("WHOOP", cut.Find("input[aria-label='Filter by provider']").GetAttribute("value"));
    }

    [Fact]
    public void Render_SelectedProviders_ShownByName()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Providers = ["apple_health_kit", "oura"] });

        Assert.Equal("Apple HealthKit, Oura", cut.Find("input[aria-label='Filter by provider']").GetAttribute("value"));
    }

    [Fact]
    public void Select_AnotherProvider_AddedSortedToTheQueryKeepingTheRest()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Providers = ["oura"], Statuses = [new("failure")] });

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.SelectOption("apple_health_kit"));

        var change = Assert.Single(_changes);
        Assert.Equal(["apple_health_kit", "oura"], change.Providers);
        Assert.Equal(["failure"], change.Statuses.Values());
    }

    [Fact]
    public void Select_SelectedResourceAgain_RemovedFromTheQuery()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Resources = ["heart_rate", "sleep"] });

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.SelectOption("sleep"));

        Assert.Equal(["heart_rate"], Assert.Single(_changes).Resources);
    }

    [Fact]
    public void Search_BlankText_ClearsTheSearch()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Search = "abc" });

        cut.Find("input[aria-label='Vital user id or your own id (client user id)']").Input("   ");
        Time.Advance(TimeSpan.FromMilliseconds(400));

        cut.WaitForAssertion(() => Assert.Null(Assert.Single(_changes).Search), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ClearFilters_Click_EmptyQuery()
    {
        var cut = RenderFilters(TeamQuery.Empty with { Search = "abc", AttentionOnly = true });

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Clear filters").Click();

        Assert.Equal(TeamQuery.Empty, Assert.Single(_changes));
    }
}
