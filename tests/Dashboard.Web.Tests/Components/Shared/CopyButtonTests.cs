using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class CopyButtonTests : DashboardContext
{
    private const string TraceId = "51cc7d2d3b8f4e6a9c0d1e2f3a4b5c6d";

    private IRenderedComponent<CopyButton> RenderButton() =>
        Render<CopyButton>(p => p.Add(c => c.Value, TraceId).Add(c => c.Label, "Copy trace id"));

    private IReadOnlyList<Snackbar> Snackbars => [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars];

    [Fact]
    public void Render_Label_IsTheButtonsAccessibleName()
    {
        var cut = RenderButton();

        Assert.Equal("Copy trace id", cut.Find("button.copy-button").GetAttribute("aria-label"));
    }

    [Fact]
    public void Click_BrowserCopies_CopiesTheValueAndSaysSo()
    {
        BrowserCopies();
        var cut = RenderButton();

        cut.Find("button.copy-button").Click();

        Assert.Equal([TraceId], Clipboard);
        var snackbar = Assert.Single(Snackbars);
        Assert.Equal(Severity.Success, snackbar.Severity);
        Assert.Equal("Copied to the clipboard.", snackbar.Message);
    }

    [Fact]
    public void Click_BrowserRefuses_WarnsWithTheValueToCopyByHand()
    {
        BrowserCopies(accepts: false);
        var cut = RenderButton();

        cut.Find("button.copy-button").Click();

        var snackbar = Assert.Single(Snackbars);
        Assert.Equal(Severity.Warning, snackbar.Severity);
        Assert.Contains(TraceId, snackbar.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", snackbar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_ClipboardScriptThrows_WarnsInsteadOfFailing()
    {
        JSInterop.Setup<bool>("dashboard.copy", _ => true).SetException(new JSException("Clipboard permission denied"));
        var cut = RenderButton();

        cut.Find("button.copy-button").Click();

        Assert.Equal(Severity.Warning, Assert.Single(Snackbars).Severity);
    }
}
