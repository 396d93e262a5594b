using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class IconSpriteTests : BunitContext
{
    [Fact]
    public void Render_EveryTrustedIcon_OneSymbolWithItsPath()
    {
        var sprite = Render<IconSprite>().Find("svg.icon-sprite");

        Assert.Equal("true", sprite.GetAttribute("aria-hidden"));
        var symbols = sprite.QuerySelectorAll("symbol").ToDictionary(s => s.Id!, s => s.InnerHtml);
        Assert.Equal(TrustedIcon.All.Count, symbols.Count);
        Assert.All(TrustedIcon.All, icon => Assert.Equal(Markup.Svg(icon.Svg), Markup.Svg(symbols[icon.Id])));
    }

    [Fact]
    public void All_EveryStaticIcon_InTheSpriteOnce()
    {
        var declared = typeof(TrustedIcon).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(TrustedIcon))
            .Select(p => (TrustedIcon)p.GetValue(null)!)
            .ToList();

        Assert.Equal(declared.Select(i => i.Id).Order(StringComparer.Ordinal), TrustedIcon.All.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(TrustedIcon.All.Count, TrustedIcon.All.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
    }
}
