using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class ErrorBannerTests : BunitContext
{
    public ErrorBannerTests() => this.UseMudBlazor();

    [Fact]
    public void Render_TitleAndMessage_AnAlertInWords()
    {
        var cut = Render<ErrorBanner>(p => p.Add(c => c.Title, "Vital is unavailable").Add(c => c.Message, "Vital answered 503 three times."));

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Equal("alert", banner.GetAttribute("role"));
        Assert.Equal("Vital is unavailable", banner.QuerySelector("b")!.TextContent);
        Assert.Contains("Vital answered 503 three times.", banner.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRetry_NoButton()
    {
        var cut = Render<ErrorBanner>(p => p.Add(c => c.Title, "t").Add(c => c.Message, "m"));

        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void Click_TryAgain_InvokesRetry()
    {
        var retries = 0;
        var cut = Render<ErrorBanner>(p => p.Add(c => c.Title, "t").Add(c => c.Message, "m")
            .Add(c => c.OnRetry, EventCallback.Factory.Create(this, () => retries++)));

        cut.Find("button").Click();

        Assert.Equal(1, retries);
        Assert.Equal("Try again", cut.Find("button").TextContent.Trim());
    }

    [Fact]
    public void Render_Retrying_ButtonDisabled()
    {
        var cut = Render<ErrorBanner>(p => p.Add(c => c.Title, "t").Add(c => c.Message, "m")
            .Add(c => c.OnRetry, EventCallback.Factory.Create(this, () => { }))
            .Add(c => c.Retrying, true));

        Assert.True(cut.Find("button").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_MarkupInTheMessage_ShownAsText()
    {
        var cut = Render<ErrorBanner>(p => p.Add(c => c.Title, "<i>t</i>").Add(c => c.Message, "<script>alert(1)</script>"));

        Assert.Empty(cut.FindAll("i, script"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=error-banner]").TextContent, StringComparison.Ordinal);
    }
}
