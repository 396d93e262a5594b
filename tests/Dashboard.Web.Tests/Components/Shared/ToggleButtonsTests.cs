using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Shared;

/// <summary>The small single-choice switch drawn without components, as MudToggleGroup drew it.</summary>
public sealed class ToggleButtonsTests : DashboardContext
{
    private static readonly (string, string)[] Fruit = [("apple", "Apple"), ("pear", "Pear"), ("plum", "Plum & co")];

    /// <summary>A component that shows the switch and keeps what was chosen, as a page does.</summary>
    private sealed class Host : ComponentBase
    {
        public string Chosen { get; private set; } = "pear";

        public List<string> Calls { get; } = [];

        [Parameter]
        public ToggleLook Look { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, ToggleButtons.Draw(this, "Fruit", Fruit, Chosen, ChooseAsync, Look));

        private Task ChooseAsync(string value)
        {
            Calls.Add(value);
            Chosen = value;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void Render_AGroupOfCheckboxButtons_TheChosenOneCheckedAndFilled()
    {
        var cut = Render<Host>(p => p.Add(c => c.Look, new ToggleLook(CssClass: "fruit", SelectedClass: "picked", TestId: "fruit")));

        var group = cut.Find("[data-testid=fruit]");
        Assert.Equal("group", group.GetAttribute("role"));
        Assert.Equal("Fruit", group.GetAttribute("aria-label"));
        Assert.Contains("fruit", group.ClassList);
        Assert.Contains("mud-toggle-group-primary", group.ClassList);
        Assert.Equal("grid-template-columns:repeat(3, minmax(0, 1fr));", group.GetAttribute("style"));
        var buttons = group.QuerySelectorAll("button");
        Assert.Equal(["Apple", "Pear", "Plum & co"], buttons.Select(b => b.TextContent));
        Assert.All(buttons, b => Assert.Equal(("checkbox", "button"), (b.GetAttribute("role"), b.GetAttribute("type"))));
        Assert.Equal(["false", "true", "false"], buttons.Select(b => b.GetAttribute("aria-checked")));
        Assert.Equal("Pear", Assert.Single(group.QuerySelectorAll(".mud-toggle-item-selected.picked.mud-button-filled")).TextContent);
        Assert.Equal(2, group.QuerySelectorAll(".mud-toggle-item.mud-button-outlined").Length);
    }

    [Fact]
    public void Click_AnotherChoice_ChoosesIt_AndTheSwitchFollows()
    {
        var cut = Render<Host>();

        cut.FindAll("button").Single(b => b.TextContent == "Plum & co").Click();

        Assert.Equal(["plum"], cut.Instance.Calls);
        Assert.Equal(["false", "false", "true"], cut.FindAll("button").Select(b => b.GetAttribute("aria-checked")));
    }

    [Fact]
    public void Click_TheChosenOne_DoesNothing()
    {
        var cut = Render<Host>();

        var pear = cut.FindAll("button").Single(b => b.TextContent == "Pear");
        Assert.False(pear.HasAttribute("blazor:onclick"));
        Assert.Throws<MissingEventHandlerException>(() => pear.Click());

        Assert.Empty(cut.Instance.Calls);
    }

    /// <remarks>MudToggleGroup made eight components of the time switch on every page (a group, a cascading value, three items and their buttons).</remarks>
    [Fact]
    public void Render_Layout_TheTimeSwitchIsNoComponentsOfItsOwn()
    {
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>the page</p>"))));

        Assert.Equal(3, cut.FindAll(".time-mode-switch .mud-toggle-item").Count);
        Assert.Empty(cut.FindComponents<MudToggleGroup<Dashboard.Web.Ui.TimeDisplayMode>>());
        Assert.Empty(cut.FindComponents<MudButton>());
    }
}
