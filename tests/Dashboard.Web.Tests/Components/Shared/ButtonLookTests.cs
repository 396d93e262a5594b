using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Shared;

/// <summary>The buttons drawn as plain elements look as MudButton draws them: the same classes, the same label.</summary>
public sealed class ButtonLookTests : DashboardContext
{
    [Theory]
    [InlineData(Variant.Text, Size.Medium, Color.Default, "default")]
    [InlineData(Variant.Outlined, Size.Medium, Color.Default, "default")]
    [InlineData(Variant.Outlined, Size.Small, Color.Default, "default")]
    [InlineData(Variant.Outlined, Size.Small, Color.Secondary, "secondary")]
    [InlineData(Variant.Filled, Size.Small, Color.Primary, "primary")]
    public void Classes_AreMudButtons(Variant variant, Size size, Color color, string colorName)
    {
        var button = Render<MudButton>(p => p.Add(b => b.Variant, variant).Add(b => b.Size, size).Add(b => b.Color, color)).Find("button");

        Assert.Equal(button.ClassList.Order(StringComparer.Ordinal), ButtonLook.Classes(variant, size, colorName).Split(' ').Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Size.Medium)]
    [InlineData(Size.Small)]
    public void Label_IsMudButtonsLabelWithAStartIcon(Size size)
    {
        var mud = Render<MudButton>(p => p.Add(b => b.Size, size).Add(b => b.StartIcon, Icons.Material.Filled.Refresh).AddChildContent("Refresh & now"))
            .Find(".mud-button-label");
        var ours = Render(builder => builder.AddContent(0, ButtonLook.Label(TrustedIcon.Refresh, "Refresh & now", size))).Find(".mud-button-label");

        Assert.Equal(mud.TextContent.Trim(), ours.TextContent);
        var (mudStart, ourStart) = (mud.QuerySelector(".mud-button-icon-start")!, ours.QuerySelector(".mud-button-icon-start")!);
        Assert.Equal(mudStart.ClassList.Order(StringComparer.Ordinal), ourStart.ClassList.Order(StringComparer.Ordinal));
        // The sprite's icon carries a class of its own (inline-icon) beside MudBlazor's.
        Assert.Subset(ourStart.QuerySelector("svg")!.ClassList.ToHashSet(StringComparer.Ordinal), mudStart.QuerySelector("svg")!.ClassList.ToHashSet(StringComparer.Ordinal));
        Assert.True(ourStart.ParentElement!.ClassList.Contains("mud-button-label"), "the icon is inside the label");
    }
}
