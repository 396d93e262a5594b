using AngleSharp.Html.Parser;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class MarkupWriterTests
{
    public static TheoryData<string> Hostile => new()
    {
        "\" onmouseover=\"x",
        "'><svg onload=alert(1)>",
        "<script>alert(1)</script>",
        "a&b<c>d\"e'f",
        "</td></tr><tr><td>",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Text_AnyValue_StaysTextInItsElement(string value)
    {
        var html = new MarkupWriter().Element("span", value, ("class", "x")).ToString();

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var span = Assert.Single(document.Body!.Children);
        Assert.Equal("SPAN", span.TagName);
        Assert.Equal(value, span.TextContent);
        Assert.Empty(span.Children);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Attribute_AnyValue_StaysOneAttributeValue(string value)
    {
        var html = new MarkupWriter().Empty("a", ("title", value), ("href", "/x")).ToString();

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var link = Assert.Single(document.Body!.Children);
        Assert.Equal(value, link.GetAttribute("title"));
        Assert.Equal(["title", "href"], link.Attributes.Select(a => a.Name));
        Assert.Empty(link.Children);
    }

    [Fact]
    public void Attribute_Null_LeftOut()
    {
        Assert.Equal("<span class=\"a\"></span>", new MarkupWriter().Empty("span", ("title", null), ("class", "a")).ToString());
    }

    [Theory]
    [InlineData("span onclick")]
    [InlineData("a\"")]
    [InlineData("")]
    [InlineData("1td")]
    [InlineData("td>")]
    public void Open_NotAPlainName_Refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new MarkupWriter().Open(name));
        Assert.Throws<ArgumentException>(() => new MarkupWriter().Open("span", (name, "x")));
    }

    [Fact]
    public void Close_NotTheElementOpenedLast_Refused()
    {
        var writer = new MarkupWriter().Open("td").Open("span");

        Assert.Throws<InvalidOperationException>(() => writer.Close("td"));
    }

    [Fact]
    public void ToString_AnElementStillOpen_Refused()
    {
        Assert.Throws<InvalidOperationException>(() => new MarkupWriter().Open("td").ToString());
    }

    [Fact]
    public void Icon_TrustedIcon_ItsSpriteSymbolHiddenFromScreenReaders()
    {
        var html = new MarkupWriter().Icon(TrustedIcon.CheckCircle, size: 16, color: "var(--x)").ToString();

        Assert.Contains("<use href=\"#icon-check-circle\"></use>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TrustedIcon.CheckCircle.Svg, html, StringComparison.Ordinal);
        Assert.StartsWith("<svg class=\"inline-icon\" viewBox=\"0 0 24 24\" width=\"16\" height=\"16\" focusable=\"false\" aria-hidden=\"true\" style=\"color: var(--x)\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustedIcon_EveryValue_IsAMudBlazorMaterialIcon()
    {
        var material = typeof(MudBlazor.Icons.Material).GetNestedTypes()
            .SelectMany(t => t.GetFields())
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.Ordinal);
        // TrustedIcon.All holds every icon (IconSpriteTests).
        var icons = TrustedIcon.All.Select(i => i.Svg).ToList();

        Assert.NotEmpty(icons);
        Assert.All(icons, svg => Assert.Contains(svg, material));
    }

    [Theory]
    [InlineData(12.5, "12.5")]
    [InlineData(300, "300")]
    [InlineData(1.0 / 3, "0.33")]
    public void Number_Invariant_TwoDecimalsAtMost(double value, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal(expected, MarkupWriter.Number(value));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
